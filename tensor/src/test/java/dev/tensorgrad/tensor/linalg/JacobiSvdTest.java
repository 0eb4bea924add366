package dev.tensorgrad.tensor.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JacobiSvdTest {

    private static final double TOLERANCE = 1e-10;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1, 1", "1, 6", "6, 1", "2, 2", "7, 3", "3, 7", "50, 50", "120, 40", "40, 120", "200, 200"})
    void factorsReconstructRandomMatrix(int m, int n) {
        double[] a = Reference.random(m, n, new SplittableRandom(31L * m + n));
        Svd svd = Jacobi.svd(a, m, n);
        assertTrue(Reference.relativeError(a, Reference.scaledProduct(svd.u(), svd.s(), svd.v(), m, n)) < TOLERANCE);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1, 1", "1, 6", "6, 1", "7, 3", "3, 7", "50, 50", "120, 40", "40, 120"})
    void singularVectorsAreOrthonormal(int m, int n) {
        Svd svd = Jacobi.svd(Reference.random(m, n, new SplittableRandom(17L * m + n)), m, n);
        int r = Math.min(m, n);
        assertTrue(Reference.orthonormalityError(svd.u(), m, r) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.v(), n, r) < TOLERANCE);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"9, 4", "4, 9", "30, 30"})
    void singularValuesAreDescendingAndNonNegative(int m, int n) {
        double[] s = Jacobi.svd(Reference.random(m, n, new SplittableRandom(m - n)), m, n).s();
        for (int k = 0; k < s.length; k++) {
            assertTrue(s[k] >= 0);
            assertTrue(k == 0 || s[k - 1] >= s[k]);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"25, 10", "10, 25"})
    void squaredSingularValuesAreTheEigenvaluesOfTheGramMatrix(int m, int n) {
        double[] a = Reference.random(m, n, new SplittableRandom(23));
        // A^T A (n×n) has eigenvalues s_k^2 followed by n - r zeros.
        double[] gram = Reference.matmul(Reference.transpose(a, m, n), a, n, m, n);
        double[] eigenvalues = Jacobi.eigh(gram, n).values();
        double[] s = Jacobi.svd(a, m, n).s();
        for (int k = 0; k < n; k++) {
            double squared = k < s.length ? s[k] * s[k] : 0.0;
            assertEquals(eigenvalues[k], squared, TOLERANCE * eigenvalues[0]);
        }
    }

    @Test
    void knownSingularValuesAreRecovered() {
        int m = 30;
        int n = 20;
        double[] expected = new double[n];
        for (int k = 0; k < n; k++) {
            expected[k] = Math.pow(2, -k / 2.0);
        }
        SplittableRandom rng = new SplittableRandom(29);
        double[] q = Reference.leadingColumns(Reference.randomOrthogonal(m, rng), m, m, n);
        double[] p = Reference.randomOrthogonal(n, rng);
        double[] a = Reference.scaledProduct(q, expected, p, m, n);
        assertArrayEquals(expected, Jacobi.svd(a, m, n).s(), 1e-13);
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @CsvSource({"20, 12, 5", "12, 20, 5", "15, 15, 1"})
    void rankDeficientMatrixHasTrailingZeroSingularValuesAndOrthonormalFactors(int m, int n, int rank) {
        SplittableRandom rng = new SplittableRandom(37);
        double[] a = Reference.matmul(Reference.random(m, rank, rng), Reference.random(rank, n, rng), m, rank, n);
        Svd svd = Jacobi.svd(a, m, n);
        int r = Math.min(m, n);
        assertEquals(rank, svd.rank());
        assertTrue(Reference.relativeError(a, Reference.scaledProduct(svd.u(), svd.s(), svd.v(), m, n)) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.u(), m, r) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.v(), n, r) < TOLERANCE);
    }

    @Test
    void rankOneMatrixWithExactlyParallelColumnsConverges() {
        // a[i][j] = c[i] * j: every column is a multiple of c, so rotations cancel columns to
        // pure rounding noise, which must be recognised rather than rotated forever.
        int m = 60;
        int n = 40;
        double[] c = new double[m];
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) {
            c[i] = i % 3 == 0 ? 1 : 2;
            for (int j = 0; j < n; j++) {
                a[i * n + j] = c[i] * j;
            }
        }
        Svd svd = Jacobi.svd(a, m, n);
        double normC = Reference.frobenius(c);
        double normJ = 0;
        for (int j = 0; j < n; j++) {
            normJ += (double) j * j;
        }
        assertEquals(1, svd.rank());
        assertEquals(normC * Math.sqrt(normJ), svd.s()[0], 1e-12 * svd.s()[0]);
        assertTrue(Reference.relativeError(a, Reference.scaledProduct(svd.u(), svd.s(), svd.v(), m, n)) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.u(), m, n) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.v(), n, n) < TOLERANCE);
    }

    @Test
    void zeroColumnGivesZeroSingularValueWithCompletedOrthonormalBasis() {
        double[] a = {
            1, 0, 2,
            3, 0, 4,
            5, 0, 6,
            7, 0, 8,
        };
        Svd svd = Jacobi.svd(a, 4, 3);
        assertEquals(0.0, svd.s()[2], 0.0);
        assertEquals(2, svd.rank());
        assertTrue(Reference.orthonormalityError(svd.u(), 4, 3) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.v(), 3, 3) < TOLERANCE);
        assertTrue(Reference.relativeError(a, Reference.scaledProduct(svd.u(), svd.s(), svd.v(), 4, 3)) < TOLERANCE);
    }

    @Test
    void zeroMatrixHasZeroSingularValuesAndOrthonormalFactors() {
        Svd svd = Jacobi.svd(new double[15], 5, 3);
        assertArrayEquals(new double[3], svd.s(), 0.0);
        assertEquals(0, svd.rank());
        assertTrue(Reference.orthonormalityError(svd.u(), 5, 3) < TOLERANCE);
        assertTrue(Reference.orthonormalityError(svd.v(), 3, 3) < TOLERANCE);
    }

    @Test
    void diagonalMatrixHasSortedAbsoluteDiagonalAsSingularValues() {
        double[] a = {
            -2, 0, 0,
            0, 5, 0,
            0, 0, 1,
        };
        Svd svd = Jacobi.svd(a, 3, 3);
        assertArrayEquals(new double[] {5, 2, 1}, svd.s(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, svd.u(), 0.0);
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, svd.v(), 0.0);
    }

    @Test
    void largestComponentOfEachLeftSingularVectorIsPositive() {
        int m = 9;
        int n = 6;
        Svd svd = Jacobi.svd(Reference.random(m, n, new SplittableRandom(41)), m, n);
        for (int k = 0; k < n; k++) {
            double largest = 0;
            for (int i = 0; i < m; i++) {
                double x = svd.u()[i * n + k];
                largest = Math.abs(x) > Math.abs(largest) ? x : largest;
            }
            assertTrue(largest > 0);
        }
    }

    @Test
    void singularValuesScaleWithHugeAndTinyMatrices() {
        double[] a = Reference.random(6, 4, new SplittableRandom(43));
        double[] base = Jacobi.svd(a, 6, 4).s();
        for (double scale : new double[] {1e-200, 1e200}) {
            double[] scaled = Arrays.stream(a).map(x -> x * scale).toArray();
            double[] s = Jacobi.svd(scaled, 6, 4).s();
            for (int k = 0; k < 4; k++) {
                assertEquals(base[k], s[k] / scale, 1e-12);
            }
        }
    }

    @Test
    void inputIsNotModified() {
        double[] a = Reference.random(5, 8, new SplittableRandom(47));
        double[] copy = a.clone();
        Jacobi.svd(a, 5, 8);
        assertArrayEquals(copy, a, 0.0);
    }

    @Test
    void oneByOneMatrixHasItsMagnitudeAsSingularValue() {
        Svd svd = Jacobi.svd(new double[] {-3}, 1, 1);
        assertArrayEquals(new double[] {3}, svd.s(), 0.0);
        assertArrayEquals(new double[] {1}, svd.u(), 0.0);
        assertArrayEquals(new double[] {-1}, svd.v(), 0.0);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"0, 0", "0, 4", "4, 0"})
    void emptyMatrixHasEmptyFactors(int m, int n) {
        Svd svd = Jacobi.svd(new double[0], m, n);
        assertEquals(0, svd.s().length);
        assertEquals(0, svd.u().length);
        assertEquals(0, svd.v().length);
        assertEquals(0, svd.rank());
    }

    @Test
    void rejectsNaN() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Jacobi.svd(new double[] {1, Double.NaN, 0, 1, 2, 3}, 2, 3));
        assertEquals("svd: [2, 3] matrix holds NaN at [0, 1]", e.getMessage());
    }

    @Test
    void rejectsInfinity() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Jacobi.svd(new double[] {1, 2, Double.NEGATIVE_INFINITY}, 3, 1));
        assertTrue(e.getMessage().startsWith("svd:"), e.getMessage());
    }

    @Test
    void rejectsArrayWhoseLengthIsNotMTimesN() {
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobi.svd(new double[5], 2, 3));
        assertEquals("svd: a [2, 3] matrix needs 6 values, got 5", e.getMessage());
    }

    @Test
    void rejectsNegativeDimension() {
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobi.svd(new double[0], -2, 3));
        assertTrue(e.getMessage().startsWith("svd:"), e.getMessage());
    }
}
