package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** L1Loss: PyTorch's mean, summed or unreduced |input - target|. */
class L1LossTest {
    private static final int ROWS = 4;
    private static final int COLS = 3;

    @Test
    void meanSumAndNone() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0, -4.0));
        Variable y = Variable.constant(Tensor.of(0.0, 2.5, 1.0));
        assertEquals(6.5 / 3, new L1Loss().forward(x, y).item(), 1e-15);
        assertEquals(6.5, new L1Loss(Reduction.SUM).forward(x, y).item(), 1e-15);
        assertArrayEquals(new double[] {1, 0.5, 5}, new L1Loss(Reduction.NONE).forward(x, y).data().toDoubleArray());
    }

    @Test
    void meanGradientIsTheSignOfTheDifferenceOverN() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0, -4.0));
        Variable y = Variable.param(Tensor.of(0.0, 2.5, 1.0));
        new L1Loss().forward(x, y).backward();
        assertArrayEquals(new double[] {1.0 / 3, -1.0 / 3, -1.0 / 3}, x.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-1.0 / 3, 1.0 / 3, 1.0 / 3}, y.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void gradientWhereInputEqualsTargetIsZeroAsInPyTorch() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0, 0.0));
        Variable y = Variable.param(Tensor.of(1.0, 3.0, 0.0));
        new L1Loss(Reduction.SUM).forward(x, y).backward();
        // A delta of 0 compares by value, so the target's -0.0 (the negated 0 of sub's backward) counts as 0.
        assertArrayEquals(new double[] {0, -1, 0}, x.grad().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, y.grad().toDoubleArray(), 0.0);
    }

    @Test
    void rejectsShapeMismatch() {
        var e = assertThrows(IllegalArgumentException.class, () -> new L1Loss().forward(
                Variable.constant(Tensor.zeros(3, 1)), Variable.constant(Tensor.zeros(3))));
        assertEquals("L1Loss: input [3, 1] and target [3] must have the same shape", e.getMessage());
    }

    @Test
    void rejectsDtypeMismatchNamingBothDtypes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new L1Loss().forward(
                Variable.param(Tensor.zeros(DType.FLOAT32, 2, 3)), Variable.constant(Tensor.zeros(DType.FLOAT64, 2, 3))));
        assertEquals("L1Loss: input float32 [2, 3] and target float64 [2, 3] must have the same dtype", e.getMessage());
    }

    @Test
    void aMissingReductionIsRefusedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class, () -> new L1Loss(null));
        assertEquals("L1Loss: reduction must be MEAN, SUM or NONE, got null", e.getMessage());
    }

    @Test
    void theMeanOverAnEmptyInputIsRefused() {
        Variable empty = Variable.param(Tensor.zeros(DType.FLOAT64, 0, 3));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new L1Loss().forward(empty, Variable.constant(Tensor.zeros(DType.FLOAT64, 0, 3))));
        assertEquals("L1Loss: the mean over an empty input of shape [0, 3] is undefined; use Reduction.SUM or NONE",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void gradientsOfInputAndTargetOfEveryLayoutPassGradcheck(MatrixLayout layout, Reduction reduction) {
        Rng rng = new Rng(41);
        L1Loss l1 = new L1Loss(reduction);
        GradCheck.assertGradients(v -> l1.forward(layout.view(v[0], ROWS, COLS), layout.view(v[1], ROWS, COLS)),
                layout.raw(rng, ROWS, COLS), layout.raw(rng, ROWS, COLS));
    }

    /** PyTorch would broadcast a [cols] prediction itself; here the caller expands it to the target's shape. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Reduction.class)
    void gradientsOfAnExpandedRowAgainstAFullTargetPassGradcheck(Reduction reduction) {
        Rng rng = new Rng(42);
        L1Loss l1 = new L1Loss(reduction);
        GradCheck.assertGradients(v -> l1.forward(v[0].expand(ROWS, COLS), v[1]),
                MatrixLayout.BROADCAST.raw(rng, ROWS, COLS), MatrixLayout.CONTIGUOUS.raw(rng, ROWS, COLS));
    }
}
