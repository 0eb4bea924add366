package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tensorgrad.autograd.Inputs.Domain;
import dev.tensorgrad.autograd.Inputs.Layout;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The backward of every elementwise op agrees with finite differences, for operands that are
 * contiguous, transposed, strided (sliced with a step) and broadcast. For binary ops "broadcast"
 * means a [3, 1] column against a [4] row, so both gradients must be summed back to their shapes.
 */
class ElementwiseGradTest {
    private static final int ROWS = 3;
    private static final int COLS = 4;

    private static void checkUnary(Layout layout, Domain domain, UnaryOperator<Variable> op) {
        Tensor x = layout.raw(new Rng(11), domain, ROWS, COLS);
        GradCheck.assertGradients(v -> op.apply(layout.view(v[0], ROWS, COLS)), x);
    }

    private static void checkBinary(Layout layout, Domain domainA, Domain domainB, BinaryOperator<Variable> op) {
        Rng rng = new Rng(12);
        if (layout == Layout.BROADCAST) {
            Tensor column = Inputs.random(rng, domainA, ROWS, 1);
            Tensor row = Inputs.random(rng, domainB, COLS);
            GradCheck.assertGradients(v -> op.apply(v[0], v[1]), column, row);
        } else {
            Tensor a = layout.raw(rng, domainA, ROWS, COLS);
            Tensor b = layout.raw(rng, domainB, ROWS, COLS);
            GradCheck.assertGradients(v -> op.apply(layout.view(v[0], ROWS, COLS), layout.view(v[1], ROWS, COLS)), a, b);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void addSendsTheGradientToBothOperands(Layout layout) {
        checkBinary(layout, Domain.ANY, Domain.ANY, Variable::add);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void subSendsTheNegatedGradientToTheSubtrahend(Layout layout) {
        checkBinary(layout, Domain.ANY, Domain.ANY, Variable::sub);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void mulScalesEachGradientByTheOtherOperand(Layout layout) {
        checkBinary(layout, Domain.ANY, Domain.ANY, Variable::mul);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void divFollowsTheQuotientRule(Layout layout) {
        checkBinary(layout, Domain.ANY, Domain.AWAY_FROM_ZERO, Variable::div);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void maximumSendsTheGradientToTheLargerOperand(Layout layout) {
        checkBinary(layout, Domain.ANY, Domain.ANY, Variable::maximum);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void minimumSendsTheGradientToTheSmallerOperand(Layout layout) {
        checkBinary(layout, Domain.ANY, Domain.ANY, Variable::minimum);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void scalarOperandsTakeNoGradient(Layout layout) {
        checkUnary(layout, Domain.AWAY_FROM_ZERO, x -> x.add(1.5).sub(0.25).mul(-2.0).div(3.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void powWithIntegerExponentIsDifferentiableEverywhere(Layout layout) {
        checkUnary(layout, Domain.ANY, x -> x.pow(3));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void powWithFractionalExponentsOnPositiveInputs(Layout layout) {
        checkUnary(layout, Domain.POSITIVE, x -> x.pow(2.5).add(x.pow(-1.5)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void negFlipsTheGradient(Layout layout) {
        checkUnary(layout, Domain.ANY, Variable::neg);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void expIsItsOwnDerivative(Layout layout) {
        checkUnary(layout, Domain.ANY, Variable::exp);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void logHasDerivativeOneOverX(Layout layout) {
        checkUnary(layout, Domain.POSITIVE, Variable::log);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void sqrtHasDerivativeOneOverTwiceTheRoot(Layout layout) {
        checkUnary(layout, Domain.POSITIVE, Variable::sqrt);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void absHasDerivativeSignOfX(Layout layout) {
        checkUnary(layout, Domain.AWAY_FROM_ZERO, Variable::abs);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void tanhHasDerivativeOneMinusTanhSquared(Layout layout) {
        checkUnary(layout, Domain.ANY, Variable::tanh);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void sigmoidHasDerivativeSigmoidTimesOneMinusSigmoid(Layout layout) {
        checkUnary(layout, Domain.ANY, Variable::sigmoid);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void reluPassesTheGradientOnlyWherePositive(Layout layout) {
        checkUnary(layout, Domain.AWAY_FROM_ZERO, Variable::relu);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void clampPassesTheGradientOnlyInsideTheRange(Layout layout) {
        // AWAY_FROM_ZERO values lie in +-[0.2, 2); bounds at +-1.1 are hit by some and missed by others.
        checkUnary(layout, Domain.AWAY_FROM_ZERO, x -> x.clamp(-1.1, 1.1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void whereRoutesTheGradientByTheMask(Layout layout) {
        Tensor mask = Tensor.of(new double[] {1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0}, ROWS, COLS);
        checkBinary(layout, Domain.ANY, Domain.ANY, (a, b) -> Variable.where(mask, a, b));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void aVariableUsedTwiceGetsTheSumOfBothPathsGradients(Layout layout) {
        checkUnary(layout, Domain.AWAY_FROM_ZERO, x -> x.mul(x).add(x.div(x.t().t())));
    }

    @Test
    void whereBroadcastsTheMaskAndBothBranches() {
        Tensor mask = Tensor.of(new double[] {1, 0, 1, 0}, COLS);
        Tensor a = Inputs.randn(new Rng(13), ROWS, 1);
        Tensor b = Inputs.randn(new Rng(14), COLS);
        GradCheck.assertGradients(v -> Variable.where(mask, v[0], v[1]), a, b);
    }

    @Test
    void powWithExponentZeroHasZeroGradientEvenAtZero() {
        Variable x = Variable.param(Tensor.of(0.0, 2.0));
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray());
    }

    @Test
    void divGradientStaysFiniteWhereTheDivisorSquaredWouldUnderflow() {
        // b^2 = 1e-340 is below the smallest double, but d(a/b)/db = -(a/b)/b = -1e170 is not.
        Variable a = Variable.param(Tensor.of(0.0, 1e-170));
        Variable b = Variable.param(Tensor.of(1e-170, 1e-170));
        a.div(b).sum().backward();
        assertArrayEquals(new double[] {-0.0, -1e170}, b.grad().toDoubleArray());
    }

    @Test
    void maximumSplitsTheGradientEvenlyOnTies() {
        Variable a = Variable.param(Tensor.of(1.0, 5.0, 2.0));
        Variable b = Variable.param(Tensor.of(3.0, 5.0, 2.0));
        a.maximum(b).sum().backward();
        assertArrayEquals(new double[] {0, 0.5, 0.5}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 0.5, 0.5}, b.grad().toDoubleArray());
    }

    @Test
    void aConstantOperandReceivesNoGradient() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0));
        Variable c = Variable.constant(Tensor.of(3.0, 4.0));
        x.mul(c).sum().backward();
        assertArrayEquals(new double[] {3, 4}, x.grad().toDoubleArray());
        assertNull(c.grad());
    }
}
