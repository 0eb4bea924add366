package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dense fast path of elementwise ops and full sums (one contiguous pass when all operands share
 * a dense layout) gives exactly the values of the general strided loop, its reference.
 */
class DenseFastPathTest {
    private final SplittableRandom random = new SplittableRandom(7);

    private Tensor contiguous(DType dtype, int... shape) {
        return Layouts.filled(shape, dtype, random, -2, 2);
    }

    @Test
    void isDenseAcceptsContiguousAndPermutedLayouts() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertTrue(StridedLoop.isDense(x.shape, x.strides));
        Tensor p = x.permute(2, 0, 1);
        assertTrue(StridedLoop.isDense(p.shape, p.strides));
        Tensor withUnitDim = x.unsqueeze(1).transpose(0, 3);
        assertTrue(StridedLoop.isDense(withUnitDim.shape, withUnitDim.strides));
    }

    @Test
    void isDenseRejectsGapsAndRepeats() {
        Tensor x = Tensor.zeros(4, 6);
        Tensor stepped = x.slice(1, 0, 6, 2);
        assertFalse(StridedLoop.isDense(stepped.shape, stepped.strides));
        Tensor column = x.slice(1, 0, 3, 1);
        assertFalse(StridedLoop.isDense(column.shape, column.strides));
        Tensor expanded = Tensor.zeros(1, 6).expand(4, 6);
        assertFalse(StridedLoop.isDense(expanded.shape, expanded.strides));
    }

    @Test
    void binaryOnTransposedInputsMatchesStridedLoopAndKeepsTheirLayout() {
        for (DType dtype : DType.values()) {
            Tensor a = contiguous(dtype, 5, 7).t();
            Tensor b = contiguous(dtype, 5, 7).t();
            for (BinaryOp op : BinaryOp.values()) {
                Tensor fast = Elementwise.binary(op, a, b);
                Tensor reference = Elementwise.binaryStrided(op, a, b);
                assertArrayEquals(reference.toDoubleArray(), fast.toDoubleArray(), op + " " + dtype);
                assertArrayEquals(a.strides, fast.strides, "result laid out like the inputs");
            }
        }
    }

    @Test
    void binaryOfPermutedTensorAndLoneValueMatchesStridedLoop() {
        Tensor a = contiguous(DType.FLOAT32, 3, 4, 5).permute(1, 2, 0);
        Tensor s = Tensor.scalar(0.75, DType.FLOAT32);
        Tensor one = Tensor.full(-1.5, DType.FLOAT32, 1, 1);
        assertArrayEquals(Elementwise.binaryStrided(BinaryOp.MUL, a, s).toDoubleArray(),
                Elementwise.binary(BinaryOp.MUL, a, s).toDoubleArray());
        assertArrayEquals(Elementwise.binaryStrided(BinaryOp.SUB, s, a).toDoubleArray(),
                Elementwise.binary(BinaryOp.SUB, s, a).toDoubleArray());
        assertArrayEquals(Elementwise.binaryStrided(BinaryOp.ADD, a, one).toDoubleArray(),
                Elementwise.binary(BinaryOp.ADD, a, one).toDoubleArray());
    }

    @Test
    void oneElementOpsMatchStridedLoopAndBroadcastShape() {
        Tensor a = Tensor.full(3, DType.FLOAT64, 1);
        Tensor s = Tensor.scalar(2, DType.FLOAT64);
        Tensor fast = Elementwise.binary(BinaryOp.DIV, s, a);
        Tensor reference = Elementwise.binaryStrided(BinaryOp.DIV, s, a);
        assertArrayEquals(reference.shape, fast.shape);
        assertArrayEquals(reference.toDoubleArray(), fast.toDoubleArray());
    }

    @Test
    void mixedLayoutsStillBroadcastThroughTheStridedLoop() {
        Tensor a = contiguous(DType.FLOAT32, 4, 3);
        Tensor row = contiguous(DType.FLOAT32, 3);
        Tensor sum = Elementwise.binary(BinaryOp.ADD, a, row);
        assertArrayEquals(Elementwise.binaryStrided(BinaryOp.ADD, a, row).toDoubleArray(), sum.toDoubleArray());
        Tensor mixed = Elementwise.binary(BinaryOp.ADD, a, contiguous(DType.FLOAT32, 3, 4).t());
        assertTrue(mixed.isContiguous(), "operands of different layouts give a row-major result");
    }

    @Test
    void unaryOnPermutedInputMatchesStridedLoop() {
        for (DType dtype : DType.values()) {
            Tensor x = contiguous(dtype, 2, 3, 4).permute(2, 0, 1);
            for (UnaryOp op : UnaryOp.values()) {
                // The strided loop evaluates a permuted tensor with the scalar definition; only FLOAT32
                // tanh has a SIMD form that differs from it, by a few units in the last place.
                double tolerance = op == UnaryOp.TANH && dtype == DType.FLOAT32 ? 1e-6 : 0;
                assertArrayEquals(Elementwise.unaryStrided(op, x).toDoubleArray(),
                        Elementwise.unary(op, x).toDoubleArray(), tolerance, op + " " + dtype);
            }
        }
    }

    @Test
    void inPlaceAddOnTransposedTensorsMatchesStridedLoop() {
        Tensor base = contiguous(DType.FLOAT32, 6, 5);
        Tensor other = contiguous(DType.FLOAT32, 6, 5).t();
        Tensor expected = Elementwise.binaryStrided(BinaryOp.ADD, base.t(), other);
        Tensor target = base.t();
        target.addInPlace(other);
        assertArrayEquals(expected.toDoubleArray(), target.toDoubleArray());
    }

    @Test
    void fullSumOfTransposedTensorEqualsSumOfItsContiguousStorageExactly() {
        Tensor x = contiguous(DType.FLOAT32, 33, 17);
        assertEquals(x.sum().item(), x.t().sum().item());
        assertArrayEquals(new int[] {1, 1}, x.t().sum(new int[] {0, 1}, true).shape);
    }

    @Test
    void fullSumFastPathAgreesWithStridedLoop() {
        for (DType dtype : DType.values()) {
            Tensor x = contiguous(dtype, 9, 8, 7).permute(2, 0, 1);
            boolean[] all = {true, true, true};
            double reference = Reductions.sumStrided(x, all, false).item();
            assertEquals(reference, x.sum().item(), 1e-4 * 9 * 8 * 7);
        }
    }
}
