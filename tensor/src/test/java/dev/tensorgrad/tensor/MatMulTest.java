package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tensorgrad.tensor.Layouts.Layout;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * matmul through the tensor API against a naive loop that reads elements with {@link Tensor#get}:
 * 1-D, 2-D and batched operands with broadcast batch dims, on transposed and strided views.
 */
class MatMulTest {

    /** Batched [..., m, k] x [..., k, n] by the definition, with batch dims broadcast. */
    private static double[][] naive(Tensor a, Tensor b) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int[] aBatch = Arrays.copyOf(a.shape(), a.rank() - 2);
        int[] bBatch = Arrays.copyOf(b.shape(), b.rank() - 2);
        int[] batch = Reference.broadcastShape(aBatch, bBatch);
        int[][] batches = Reference.indices(batch);
        double[] out = new double[batches.length * m * n];
        double[] scale = new double[out.length];
        int o = 0;
        for (int[] bi : batches) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double abs = 0;
                    for (int p = 0; p < k; p++) {
                        double x = Reference.broadcastGet(a, withMatrixIndex(bi, i, p));
                        double y = Reference.broadcastGet(b, withMatrixIndex(bi, p, j));
                        sum += x * y;
                        abs += Math.abs(x * y);
                    }
                    scale[o] = abs;
                    out[o++] = sum;
                }
            }
        }
        return new double[][] {out, scale};
    }

    private static int[] withMatrixIndex(int[] batchIndex, int row, int col) {
        int[] index = Arrays.copyOf(batchIndex, batchIndex.length + 2);
        index[batchIndex.length] = row;
        index[batchIndex.length + 1] = col;
        return index;
    }

    private static void assertMatches(double[][] expected, Tensor actual, double rtol) {
        double[] values = actual.toDoubleArray();
        assertEquals(expected[0].length, values.length, "element count");
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i] - expected[0][i]) > rtol * expected[1][i] + 1e-300) {
                fail("element " + i + ": expected " + expected[0][i] + " but was " + values[i]);
            }
        }
    }

    private static int[] concat(int[] batch, int rows, int cols) {
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return shape;
    }

    @Property(tries = 200)
    void batchedMatmulBroadcastsBatchDimsOnAnyLayout(@ForAll @IntRange(max = 9) int m, @ForAll @IntRange(max = 9) int k,
                                                    @ForAll @IntRange(max = 9) int n, @ForAll @IntRange(max = 2) int rank,
                                                    @ForAll Layout layoutA, @ForAll Layout layoutB,
                                                    @ForAll DType dtype, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] batch = new int[rank];
        for (int d = 0; d < rank; d++) {
            batch[d] = 1 + random.nextInt(3);
        }
        int[] partner = Layouts.broadcastPartner(batch, random);
        boolean swap = random.nextBoolean();
        Tensor a = Layouts.make(concat(swap ? partner : batch, m, k), layoutA, dtype, random, -1, 1);
        Tensor b = Layouts.make(concat(swap ? batch : partner, k, n), layoutB, dtype, random, -1, 1);
        Tensor c = a.matmul(b);
        assertArrayEquals(concat(batch, m, n), c.shape());
        assertMatches(naive(a, b), c, dtype == DType.FLOAT32 ? 1e-5 : 1e-12);
    }

    @Test
    void transposedOperandsGiveTheSameProductAsCopies() {
        for (DType dtype : DType.values()) {
            for (int size : new int[] {1, 17, 65}) {
                Rng rng = new Rng(size);
                Tensor at = Tensor.randn(rng, dtype, size + 2, size);
                Tensor bt = Tensor.randn(rng, dtype, size + 1, size + 2);
                Tensor viaViews = at.t().matmul(bt.t());
                Tensor viaCopies = at.t().contiguous().matmul(bt.t().contiguous());
                assertArrayEquals(viaCopies.toDoubleArray(), viaViews.toDoubleArray(), 0);
                assertMatches(naive(at.t(), bt.t()), viaViews, dtype == DType.FLOAT32 ? 1e-5 : 1e-12);
            }
        }
    }

    @Test
    void oneDimensionalOperandsFollowPyTorchRules() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor v3 = Tensor.of(1.0, 0.0, -1.0);
        Tensor v2 = Tensor.of(1.0, 2.0);
        assertArrayEquals(new int[] {2}, m.matmul(v3).shape());
        assertArrayEquals(new double[] {-2, -2}, m.matmul(v3).toDoubleArray());
        assertArrayEquals(new int[] {3}, v2.matmul(m).shape());
        assertArrayEquals(new double[] {9, 12, 15}, v2.matmul(m).toDoubleArray());
        assertArrayEquals(new int[] {}, v3.matmul(v3).shape());
        assertEquals(2, v3.matmul(v3).item());
        Tensor batched = Tensor.stack(0, m, m.mul(2));
        assertArrayEquals(new double[] {-2, -2, -4, -4}, batched.matmul(v3).toDoubleArray());
    }

    @Test
    void emptyInnerDimGivesZeros() {
        Tensor c = Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3));
        assertArrayEquals(new int[] {2, 3}, c.shape());
        assertArrayEquals(new double[6], c.toDoubleArray());
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 4).matmul(Tensor.zeros(4, 3)).shape());
    }

    @Test
    void resultIsBitIdenticalForOneAndTwoThreads() {
        for (DType dtype : DType.values()) {
            Rng rng = new Rng(11);
            Tensor a = Tensor.randn(rng, dtype, 150, 170);
            Tensor b = Tensor.randn(rng, dtype, 190, 170).t();
            assertArrayEquals(a.matmul(b, 1).toDoubleArray(), a.matmul(b, 2).toDoubleArray(), 0);
        }
    }

    @Test
    void dotAndOuterOfVectors() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0);
        Tensor y = Tensor.of(4.0, 5.0);
        assertEquals(32, x.dot(Tensor.of(4.0, 5.0, 6.0)).item());
        assertArrayEquals(new int[] {}, x.dot(x).shape());
        Tensor o = x.outer(y);
        assertArrayEquals(new int[] {3, 2}, o.shape());
        assertArrayEquals(new double[] {4, 5, 8, 10, 12, 15}, o.toDoubleArray());
        var e = assertThrows(IllegalArgumentException.class, () -> x.dot(Tensor.zeros(DType.FLOAT64, 3, 1)));
        assertEquals("dot: expects two 1-D tensors, got [3] and [3, 1]", e.getMessage());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void innerDimMismatchNamesTheOpAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul: cannot multiply [2, 3] by [4, 5] (inner dims 3 and 4 differ)", e.getMessage());
    }

    @Test
    void vectorMismatchNamesTheShapesTheCallerPassed() {
        var left = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul: cannot multiply [3] by [4, 5] (inner dims 3 and 4 differ)", left.getMessage());
        var right = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4)));
        assertEquals("matmul: cannot multiply [2, 3] by [4] (inner dims 3 and 4 differ)", right.getMessage());
    }

    @Test
    void batchMismatchNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)));
        assertEquals("matmul: batch dims of [2, 2, 3] and [3, 3, 4] cannot be broadcast together", e.getMessage());
    }

    @Test
    void dtypeMismatchNamesBothDtypes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(DType.FLOAT64, 3, 2)));
        assertEquals("matmul: dtypes differ (float32 [2, 3] and float64 [3, 2]); convert one with to(dtype)",
                e.getMessage());
    }

    @Test
    void matmulRejectsAThreadCountBelowOneNamingItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(2, 2).matmul(Tensor.ones(2, 2), 0));
        assertEquals("matmul: threads must be >= 1, got 0", e.getMessage());
    }
}
