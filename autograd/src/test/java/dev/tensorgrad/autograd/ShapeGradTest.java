package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.autograd.Inputs.Domain;
import dev.tensorgrad.autograd.Inputs.Layout;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Views and joins move values without changing them, so their backward moves the gradient back
 * the same way: every one agrees with finite differences, on every layout of its operand.
 */
class ShapeGradTest {
    private static final int ROWS = 3;
    private static final int COLS = 4;

    private static void check(Layout layout, UnaryOperator<Variable> op) {
        Tensor x = layout.raw(new Rng(41), Domain.ANY, ROWS, COLS);
        GradCheck.assertGradients(v -> op.apply(layout.view(v[0], ROWS, COLS)), x);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void reshapeReshapesTheGradientBack(Layout layout) {
        check(layout, x -> x.reshape(2, -1, 3).mul(Variable.constant(Inputs.randn(new Rng(1), 2, 2, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void transposeTransposesTheGradientBack(Layout layout) {
        check(layout, x -> x.transpose(0, 1).exp());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void matrixTransposeOfAVectorIsTheVector(Layout layout) {
        check(layout, x -> x.select(0, 1).t().tanh());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void permuteAppliesTheInversePermutationToTheGradient(Layout layout) {
        check(layout, x -> x.reshape(3, 2, 2).permute(2, 0, 1).mul(Variable.constant(Inputs.randn(new Rng(2), 2, 3, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void sliceWithStepWritesTheGradientIntoItsPlace(Layout layout) {
        check(layout, x -> x.slice(1, 1, 4, 2).sigmoid());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void sliceWithNegativeStartAndClampedEnd(Layout layout) {
        check(layout, x -> x.slice(0, -2, 100, 1).exp());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void selectWritesTheGradientIntoTheSelectedSlice(Layout layout) {
        check(layout, x -> x.select(1, -1).exp().add(x.select(0, 0).tanh().sum()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void expandSumsTheGradientOverTheCopies(Layout layout) {
        check(layout, x -> x.unsqueeze(1).expand(2, ROWS, 5, COLS).exp());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void squeezeAndUnsqueezeReshapeTheGradientBack(Layout layout) {
        check(layout, x -> x.unsqueeze(0).unsqueeze(-1).squeeze(0).tanh());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void squeezeOfADimThatIsNotOneChangesNothing(Layout layout) {
        check(layout, x -> x.squeeze(0).exp());
    }

    @Test
    void catHandsEachPartItsStretchOfTheGradient() {
        Rng rng = new Rng(42);
        Tensor a = Inputs.randn(rng, 3, 2);
        Tensor b = Inputs.randn(rng, 1, 3);
        Tensor c = Inputs.randn(rng, 3, 7);
        GradCheck.assertGradients(v -> Variable.cat(1, v[0], v[1].expand(3, 3), v[2].slice(1, 0, 7, 3)).exp(), a, b, c);
    }

    @Test
    void catAlongTheFirstDimWithATransposedPart() {
        Rng rng = new Rng(43);
        Tensor a = Inputs.randn(rng, 2, 4);
        Tensor b = Inputs.randn(rng, 4, 3);
        GradCheck.assertGradients(v -> Variable.cat(0, v[0], v[1].t()).tanh(), a, b);
    }

    @Test
    void stackHandsEachPartItsSliceOfTheGradient() {
        Rng rng = new Rng(44);
        Tensor a = Inputs.randn(rng, 3, 4);
        Tensor b = Inputs.randn(rng, 4, 3);
        GradCheck.assertGradients(v -> Variable.stack(0, v[0], v[1].t()).exp(), a, b);
        GradCheck.assertGradients(v -> Variable.stack(-1, v[0], v[1].t(), v[0]).exp(), a, b);
    }

    @Test
    void sliceGradientIsZeroOutsideTheSlice() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0, 3.0, 4.0, 5.0));
        x.slice(0, 1, 5, 2).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0}, x.grad().toDoubleArray());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void stackOfEveryLayoutHandsEachPartItsSlice(Layout layout) {
        Rng rng = new Rng(45);
        Tensor raw = layout.raw(rng, Domain.ANY, ROWS, COLS);
        Tensor other = Inputs.randn(rng, ROWS, COLS);
        GradCheck.assertGradients(v -> Variable.stack(1, layout.view(v[0], ROWS, COLS), v[1]).exp(), raw, other);
    }
}
