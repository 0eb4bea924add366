package dev.tensorgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specification of {@link Gemm}: the packed kernels agree with the plain triple loop for edge-heavy
 * sizes, any strides, both values of beta, empty dimensions, and give bit-identical results for
 * any thread count.
 */
class GemmTest {

    /** Sizes around the micro-tile and panel edges: 1, odd, just below/at/above powers of two. */
    private static final int[] SIZES = {1, 3, 7, 17, 63, 64, 65, 129, 257};

    /** Square sizes plus a dozen rectangular mixes of m, n, k. */
    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int s : SIZES) {
            shapes.add(Arguments.of(s, s, s));
        }
        int[][] mixes = {
                {1, 257, 3}, {257, 1, 17}, {3, 7, 257}, {17, 65, 1}, {63, 129, 64}, {65, 17, 129},
                {129, 3, 65}, {7, 63, 17}, {64, 257, 7}, {257, 64, 63}, {1, 1, 129}, {129, 65, 257},
        };
        for (int[] mix : mixes) {
            shapes.add(Arguments.of(mix[0], mix[1], mix[2]));
        }
        return shapes.stream();
    }

    /** How a matrix is laid out in its array: row-major or column-major (a transposed view). */
    private enum Layout {
        ROW_MAJOR, COL_MAJOR;

        int rowStride(int rows, int cols) {
            return this == ROW_MAJOR ? cols : 1;
        }

        int colStride(int rows, int cols) {
            return this == ROW_MAJOR ? 1 : rows;
        }
    }

    // ---------------------------------------------------------------- agreement with the reference

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void sgemmMatchesDoublePrecisionReference(int m, int n, int k) {
        checkFloat(m, n, k, Layout.ROW_MAJOR, Layout.ROW_MAJOR, 0f, 1);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void dgemmMatchesReference(int m, int n, int k) {
        checkDouble(m, n, k, Layout.ROW_MAJOR, Layout.ROW_MAJOR, 0d, 1);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void sgemmReadsTransposedOperandsThroughStrides(int m, int n, int k) {
        checkFloat(m, n, k, Layout.COL_MAJOR, Layout.ROW_MAJOR, 0f, 1);
        checkFloat(m, n, k, Layout.ROW_MAJOR, Layout.COL_MAJOR, 0f, 1);
        checkFloat(m, n, k, Layout.COL_MAJOR, Layout.COL_MAJOR, 0f, 1);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void dgemmReadsTransposedOperandsThroughStrides(int m, int n, int k) {
        checkDouble(m, n, k, Layout.COL_MAJOR, Layout.ROW_MAJOR, 0d, 1);
        checkDouble(m, n, k, Layout.ROW_MAJOR, Layout.COL_MAJOR, 0d, 1);
        checkDouble(m, n, k, Layout.COL_MAJOR, Layout.COL_MAJOR, 0d, 1);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void betaOneAddsProductToExistingC(int m, int n, int k) {
        checkFloat(m, n, k, Layout.ROW_MAJOR, Layout.ROW_MAJOR, 1f, 1);
        checkDouble(m, n, k, Layout.ROW_MAJOR, Layout.COL_MAJOR, 1d, 1);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void sgemmWithPackedBMatchesReference(int m, int n, int k) {
        for (Layout bLayout : Layout.values()) {
            float[] a = randomFloats(m * k, 3L * m + k);
            float[] b = randomFloats(k * n, 5L * n + k);
            float[] c = randomFloats(m * n, 11);
            double[] expected = toDouble(c);
            Gemm.dgemmReference(m, n, k, toDouble(a), 0, k, 1, toDouble(b), 0, bLayout.rowStride(k, n),
                    bLayout.colStride(k, n), expected, 0, n, 1, 1d);
            Gemm.PackedB packed = Gemm.packB(k, n, b, 0, bLayout.rowStride(k, n), bLayout.colStride(k, n));
            Gemm.sgemm(m, n, k, a, 0, k, 1, packed, c, 0, n, 1, 1f, 2);
            for (int i = 0; i < c.length; i++) {
                assertEquals(expected[i], c[i], 4e-7 * (k + 2) * (1 + Math.abs(expected[i])), "element " + i);
            }
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void dgemmWithPackedBMatchesReference(int m, int n, int k) {
        double[] a = random(m * k, 3L * m + k);
        double[] b = random(k * n, 5L * n + k);
        double[] c = new double[m * n];
        Arrays.fill(c, Double.NaN);
        double[] expected = c.clone();
        Gemm.dgemmReference(m, n, k, a, 0, k, 1, b, 0, 1, k, expected, 0, n, 1, 0d);
        Gemm.dgemm(m, n, k, a, 0, k, 1, Gemm.packB(k, n, b, 0, 1, k), c, 0, n, 1, 0d, 1);
        assertClose(expected, c, k);
    }

    /**
     * The direct (unpacked) kernel, the packed loop nest and a pre-packed B compute each element
     * with the same FMAs in the same order, so which path a size takes never changes a bit.
     */
    @Test
    void directPackedAndPrepackedPathsGiveTheSameBits() {
        int[][] sizes = {{32, 64, 64}, {32, 16, 16}, {13, 16, 20}, {24, 8, 40}, {9, 33, 300}, {17, 65, 7}, {1, 1, 1}, {40, 100, 600},
            {5, 32, 10}, {3, 16, 300}, {7, 64, 2}, {300, 1, 64}, {20, 33, 9}};
        for (int[] s : sizes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = randomFloats(m * k, 41);
            float[] b = randomFloats(k * n, 43);
            float[] start = randomFloats(m * n, 47);
            for (boolean accumulate : new boolean[]{false, true}) {
                float[] direct = start.clone();
                float[] blocked = start.clone();
                float[] prepacked = start.clone();
                Gemm.sgemmDirect(m, n, k, a, 0, k, 1, b, 0, n, Gemm.F_NR, false, direct, 0, n, accumulate);
                Gemm.sgemmBlocked(m, n, k, a, 0, k, 1, b, 0, n, 1, null, 0, blocked, 0, n, 1, accumulate);
                Gemm.sgemm(m, n, k, a, 0, k, 1, Gemm.packB(k, n, b, 0, n, 1), prepacked, 0, n, 1, accumulate ? 1f : 0f, 1);
                String where = Arrays.toString(s) + " accumulate=" + accumulate;
                assertArrayEquals(blocked, direct, "direct vs blocked for " + where);
                assertArrayEquals(blocked, prepacked, "prepacked vs blocked for " + where);
            }
            double[] ad = random(m * k, 51);
            double[] bd = random(k * n, 53);
            double[] direct = new double[m * n];
            double[] blocked = new double[m * n];
            Gemm.dgemmDirect(m, n, k, ad, 0, 1, m, bd, 0, n, Gemm.D_NR, false, direct, 0, n, false);
            Gemm.dgemmBlocked(m, n, k, ad, 0, 1, m, bd, 0, n, 1, null, 0, blocked, 0, n, 1, false);
            assertArrayEquals(blocked, direct, "dgemm direct vs blocked for " + Arrays.toString(s));
        }
    }

    /** A product a few columns wide is run transposed (C^T = B^T A^T); its bits do not change. */
    @Test
    void narrowProductRunTransposedGivesTheSameBits() {
        int m = 64, n = 3, k = 500;
        float[] a = randomFloats(m * k, 71);
        float[] b = randomFloats(k * n, 73);
        float[] viaPublic = new float[m * n];
        float[] blocked = new float[m * n];
        // A and C column-major (row stride 1): the layout of a weight gradient dA^T X with a narrow X.
        Gemm.sgemm(m, n, k, a, 0, 1, m, b, 0, n, 1, viaPublic, 0, 1, m, 0f, 2);
        Gemm.sgemmBlocked(m, n, k, a, 0, 1, m, b, 0, n, 1, null, 0, blocked, 0, 1, m, false);
        assertArrayEquals(blocked, viaPublic);
        double[] expected = new double[m * n];
        Gemm.dgemmReference(m, n, k, toDouble(a), 0, 1, m, toDouble(b), 0, n, 1, expected, 0, 1, m, 0d);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], viaPublic[i], 4e-7 * (k + 2) * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void packedBOfAnotherShapeOrDtypeIsRejected() {
        Gemm.PackedB packed = Gemm.packB(3, 4, new float[12], 0, 4, 1);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(2, 4, 5, new float[10], 0, 5, 1, packed, new float[8], 0, 4, 1, 0f, 1));
        assertEquals("sgemm: packed B is [3, 4], expected [5, 4]", shape.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () ->
                Gemm.dgemm(2, 4, 3, new double[6], 0, 3, 1, packed, new double[8], 0, 4, 1, 0d, 1));
        assertEquals("dgemm: packed B holds FLOAT32 values, expected FLOAT64", dtype.getMessage());
    }

    @Test
    void writesIntoTransposedOutputWithOffset() {
        int m = 65, n = 33, k = 40, off = 5;
        double[] a = random(m * k, 1);
        double[] b = random(k * n, 2);
        // C stored column-major (a transposed view) after `off` unrelated elements that must stay put.
        double[] c = new double[off + m * n];
        Arrays.fill(c, Double.NaN);
        double[] expected = c.clone();
        Gemm.dgemmReference(m, n, k, a, 0, k, 1, b, 0, n, 1, expected, off, 1, m, 0d);
        Gemm.dgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, off, 1, m, 0d, 1);
        for (int i = 0; i < off; i++) {
            assertTrue(Double.isNaN(c[i]), "element before the offset was written");
        }
        assertClose(Arrays.copyOfRange(expected, off, c.length), Arrays.copyOfRange(c, off, c.length), k);
    }

    @Test
    void zeroStrideBroadcastsOneRowOfA() {
        int m = 20, n = 37, k = 19;
        float[] row = randomFloats(k, 3);
        float[] b = randomFloats(k * n, 4);
        float[] c = new float[m * n];
        Gemm.sgemm(m, n, k, row, 0, 0, 1, b, 0, n, 1, c, 0, n, 1, 0f, 1);
        float[] expected = new float[m * n];
        Gemm.sgemmReference(m, n, k, row, 0, 0, 1, b, 0, n, 1, expected, 0, n, 1, 0f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(c[j], c[i * n + j], "row " + i + " differs from row 0");
                assertEquals(expected[i * n + j], c[i * n + j], 1e-4f);
            }
        }
    }

    // ---------------------------------------------------------------- empty dimensions

    @Test
    void emptyDepthWithBetaZeroWritesZeros() {
        float[] c = new float[6];
        Arrays.fill(c, Float.NaN);
        Gemm.sgemm(2, 3, 0, new float[0], 0, 0, 1, new float[0], 0, 3, 1, c, 0, 3, 1, 0f, 2);
        assertArrayEquals(new float[6], c);
        double[] d = new double[6];
        Arrays.fill(d, Double.NaN);
        Gemm.dgemm(2, 3, 0, new double[0], 0, 0, 1, new double[0], 0, 3, 1, d, 0, 3, 1, 0d, 2);
        assertArrayEquals(new double[6], d);
    }

    @Test
    void emptyDepthWithBetaOneLeavesCUnchanged() {
        double[] c = {1, 2, 3, 4, 5, 6};
        Gemm.dgemm(2, 3, 0, new double[0], 0, 0, 1, new double[0], 0, 3, 1, c, 0, 3, 1, 1d, 1);
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, c);
    }

    @Test
    void emptyOutputTouchesNothing() {
        float[] c = {7f};
        Gemm.sgemm(0, 1, 4, new float[0], 0, 4, 1, new float[4], 0, 1, 1, c, 0, 1, 1, 0f, 1);
        Gemm.sgemm(1, 0, 4, new float[4], 0, 4, 1, new float[0], 0, 0, 1, c, 0, 0, 1, 0f, 1);
        assertArrayEquals(new float[]{7f}, c);
    }

    // ---------------------------------------------------------------- determinism
    // Every product below has more than 3 * 2^22 multiply-adds, so two and three threads really split it.

    @Test
    void sgemmIsBitIdenticalForOneAndTwoThreads() {
        for (int[] s : new int[][]{{257, 257, 200}, {300, 200, 220}, {40, 600, 600}, {600, 130, 170}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = randomFloats(m * k, 5);
            float[] b = randomFloats(k * n, 6);
            float[] one = new float[m * n];
            float[] two = new float[m * n];
            Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, one, 0, n, 1, 0f, 1);
            Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, two, 0, n, 1, 0f, 2);
            assertArrayEquals(one, two, "threads=1 vs threads=2 for " + Arrays.toString(s));
        }
    }

    @Test
    void sgemmWithPackedBIsBitIdenticalForOneAndTwoThreads() {
        int m = 64, n = 600, k = 330;
        float[] a = randomFloats(m * k, 61);
        Gemm.PackedB b = Gemm.packB(k, n, randomFloats(k * n, 62), 0, n, 1);
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        Gemm.sgemm(m, n, k, a, 0, k, 1, b, one, 0, n, 1, 0f, 1);
        Gemm.sgemm(m, n, k, a, 0, k, 1, b, two, 0, n, 1, 0f, 2);
        assertArrayEquals(one, two);
    }

    @Test
    void dgemmIsBitIdenticalForOneTwoAndThreeThreads() {
        for (int[] s : new int[][]{{257, 129, 400}, {300, 200, 220}, {600, 40, 560}}) {
            int m = s[0], n = s[1], k = s[2];
            double[] a = random(m * k, 7);
            double[] b = random(k * n, 8);
            double[] one = new double[m * n];
            Gemm.dgemm(m, n, k, a, 0, 1, m, b, 0, n, 1, one, 0, n, 1, 0d, 1);
            for (int threads = 2; threads <= 3; threads++) {
                double[] many = new double[m * n];
                Gemm.dgemm(m, n, k, a, 0, 1, m, b, 0, n, 1, many, 0, n, 1, 0d, threads);
                assertArrayEquals(one, many, "threads=1 vs threads=" + threads + " for " + Arrays.toString(s));
            }
        }
    }

    // ---------------------------------------------------------------- errors and defaults

    @Test
    void rejectsBetaOtherThanZeroOrOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(1, 1, 1, new float[1], 0, 1, 1, new float[1], 0, 1, 1, new float[1], 0, 1, 1, 0.5f, 1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
    }

    @Test
    void rejectsMatrixReachingOutsideItsArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.dgemm(2, 2, 3, new double[5], 0, 3, 1, new double[6], 0, 2, 1, new double[4], 0, 2, 1, 0d, 1));
        assertTrue(e.getMessage().contains("dgemm: A [2, 3]"), e.getMessage());
    }

    @Test
    void rejectsNegativeDimensionsAndThreads() {
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(-1, 1, 1, new float[1], 0, 1, 1, new float[1], 0, 1, 1, new float[1], 0, 1, 1, 0f, 1));
        assertThrows(IllegalArgumentException.class, () ->
                Gemm.sgemm(1, 1, 1, new float[1], 0, 1, 1, new float[1], 0, 1, 1, new float[1], 0, 1, 1, 0f, 0));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs sgemm on random operands in the given layouts and compares with the triple loop run in
     * double precision on the same (float-valued) inputs; the tolerance grows with k because the
     * float rounding error of a length-k sum does.
     */
    private static void checkFloat(int m, int n, int k, Layout aLayout, Layout bLayout, float beta, int threads) {
        float[] a = randomFloats(m * k, 31L * m + k);
        float[] b = randomFloats(k * n, 17L * n + k);
        float[] c = initialC(m * n, beta == 0f);
        double[] expected = new double[m * n];
        for (int i = 0; i < c.length; i++) {
            expected[i] = beta == 0f ? 0d : c[i];
        }
        int aRs = aLayout.rowStride(m, k), aCs = aLayout.colStride(m, k);
        int bRs = bLayout.rowStride(k, n), bCs = bLayout.colStride(k, n);
        Gemm.dgemmReference(m, n, k, toDouble(a), 0, aRs, aCs, toDouble(b), 0, bRs, bCs, expected, 0, n, 1, 1d);
        Gemm.sgemm(m, n, k, a, 0, aRs, aCs, b, 0, bRs, bCs, c, 0, n, 1, beta, threads);
        double tolerance = 4e-7 * (k + 2);
        for (int i = 0; i < c.length; i++) {
            assertEquals(expected[i], c[i], tolerance * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    private static void checkDouble(int m, int n, int k, Layout aLayout, Layout bLayout, double beta, int threads) {
        double[] a = random(m * k, 31L * m + k);
        double[] b = random(k * n, 17L * n + k);
        double[] c = new double[m * n];
        if (beta == 0d) {
            Arrays.fill(c, Double.NaN);
        } else {
            c = random(m * n, 99);
        }
        double[] expected = c.clone();
        int aRs = aLayout.rowStride(m, k), aCs = aLayout.colStride(m, k);
        int bRs = bLayout.rowStride(k, n), bCs = bLayout.colStride(k, n);
        Gemm.dgemmReference(m, n, k, a, 0, aRs, aCs, b, 0, bRs, bCs, expected, 0, n, 1, beta);
        Gemm.dgemm(m, n, k, a, 0, aRs, aCs, b, 0, bRs, bCs, c, 0, n, 1, beta, threads);
        assertClose(expected, c, k);
    }

    private static void assertClose(double[] expected, double[] actual, int k) {
        double tolerance = 2e-15 * (k + 2);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    /** C before the call: NaN when beta=0 (it must be ignored), random values when accumulating. */
    private static float[] initialC(int size, boolean overwrite) {
        if (!overwrite) {
            return randomFloats(size, 99);
        }
        float[] c = new float[size];
        Arrays.fill(c, Float.NaN);
        return c;
    }

    private static double[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    private static float[] randomFloats(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
