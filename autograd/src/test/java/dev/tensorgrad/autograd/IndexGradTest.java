package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.autograd.Inputs.Domain;
import dev.tensorgrad.autograd.Inputs.Layout;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Picking by integer index: the backward scatters the gradient back to the picked positions, and a
 * position picked twice receives the sum of both gradients.
 */
class IndexGradTest {
    @Test
    void indexSelectAlongDimZeroWithRepeatedIndices() {
        Tensor table = Inputs.randn(new Rng(51), 4, 3);
        GradCheck.assertGradients(v -> v[0].indexSelect(0, 2, 0, 2, 2).tanh(), table);
    }

    @Test
    void indexSelectAlongDimOneOfATransposedTable() {
        Tensor table = Inputs.randn(new Rng(52), 4, 3);
        GradCheck.assertGradients(v -> v[0].t().indexSelect(1, 3, 1, 3).exp(), table);
    }

    @Test
    void indexSelectAddsTheGradientsOfRepeatedRows() {
        Variable table = Variable.param(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        table.indexSelect(0, 1, 1, 1, 0).sum().backward();
        assertArrayEquals(new double[] {1, 1, 3, 3, 0, 0}, table.grad().toDoubleArray());
    }

    @Test
    void gatherAlongDimOnePicksOneClassPerRow() {
        Tensor logits = Inputs.randn(new Rng(53), 3, 4);
        Tensor index = Tensor.of(new double[] {2, 0, 3}, 3, 1);
        GradCheck.assertGradients(v -> v[0].gather(1, index).exp(), logits);
    }

    @Test
    void gatherAlongDimZeroWithRepeatedIndicesOfATransposedInput() {
        Tensor x = Inputs.randn(new Rng(54), 4, 3);
        Tensor index = Tensor.of(new double[] {1, 1, 0, 2, 1, 2, 2, 2}, 2, 4);
        GradCheck.assertGradients(v -> v[0].t().gather(0, index).tanh(), x);
    }

    @Test
    void gatherAddsTheGradientsOfRepeatedPicks() {
        Variable x = Variable.param(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Tensor index = Tensor.of(new double[] {2, 2, 0, 1}, 2, 2);
        x.gather(1, index).sum().backward();
        // row 0 picks column 2 twice; row 1 picks columns 0 and 1 once each
        assertArrayEquals(new double[] {0, 0, 2, 1, 1, 0}, x.grad().toDoubleArray());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void indexSelectOfEveryLayoutScattersTheGradientBack(Layout layout) {
        Tensor raw = layout.raw(new Rng(55), Domain.ANY, 4, 3);
        GradCheck.assertGradients(v -> layout.view(v[0], 4, 3).indexSelect(0, 2, 0, 2, 2).tanh(), raw);
        GradCheck.assertGradients(v -> layout.view(v[0], 4, 3).indexSelect(1, 1, 1, 0).tanh(), raw);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void gatherOfEveryLayoutScattersTheGradientBack(Layout layout) {
        Tensor raw = layout.raw(new Rng(56), Domain.ANY, 4, 3);
        Tensor rowsIndex = Tensor.of(new double[] {1, 1, 0, 2, 3, 2}, 2, 3);
        Tensor colsIndex = Tensor.of(new double[] {2, 0, 0, 1, 2, 2, 1, 1}, 4, 2);
        GradCheck.assertGradients(v -> layout.view(v[0], 4, 3).gather(0, rowsIndex).tanh(), raw);
        GradCheck.assertGradients(v -> layout.view(v[0], 4, 3).gather(1, colsIndex).tanh(), raw);
    }

    @Test
    void gatherWithAnExpandedIndexPicksTheSameColumnForEveryRow() {
        Tensor x = Inputs.randn(new Rng(57), 3, 4);
        Tensor index = Tensor.of(new double[] {3, 1}, 1, 2).expand(3, 2);
        GradCheck.assertGradients(v -> v[0].gather(1, index).exp(), x);
    }
}
