package dev.tensorgrad.tensor.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacobiEighTest {

    private static final double TOLERANCE = 1e-10;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 50, 200})
    void eigenvectorsAndEigenvaluesReconstructRandomSymmetricMatrix(int n) {
        double[] a = Reference.randomSymmetric(n, new SplittableRandom(n));
        SymmetricEigen eig = Jacobi.eigh(a, n);
        double[] rebuilt = Reference.scaledProduct(eig.vectors(), eig.values(), eig.vectors(), n, n);
        assertTrue(Reference.relativeError(a, rebuilt) < TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 50, 200})
    void eigenvectorsAreOrthonormal(int n) {
        double[] a = Reference.randomSymmetric(n, new SplittableRandom(100 + n));
        SymmetricEigen eig = Jacobi.eigh(a, n);
        assertTrue(Reference.orthonormalityError(eig.vectors(), n, n) < TOLERANCE);
    }

    @Test
    void eachEigenpairSatisfiesAvEqualsLambdaV() {
        int n = 20;
        double[] a = Reference.randomSymmetric(n, new SplittableRandom(7));
        SymmetricEigen eig = Jacobi.eigh(a, n);
        for (int k = 0; k < n; k++) {
            double[] v = eig.vector(k);
            double[] av = Reference.matmul(a, v, n, n, 1);
            double[] lambdaV = new double[n];
            for (int i = 0; i < n; i++) {
                lambdaV[i] = eig.values()[k] * v[i];
            }
            assertArrayEquals(av, lambdaV, TOLERANCE * Reference.frobenius(a));
        }
    }

    @Test
    void eigenvaluesAreDescending() {
        int n = 30;
        SymmetricEigen eig = Jacobi.eigh(Reference.randomSymmetric(n, new SplittableRandom(3)), n);
        for (int k = 1; k < n; k++) {
            assertTrue(eig.values()[k - 1] >= eig.values()[k]);
        }
    }

    @Test
    void diagonalMatrixHasItsDiagonalAsEigenvaluesAndUnitVectorsAsEigenvectors() {
        double[] a = {
            2, 0, 0,
            0, -1, 0,
            0, 0, 5,
        };
        SymmetricEigen eig = Jacobi.eigh(a, 3);
        assertArrayEquals(new double[] {5, 2, -1}, eig.values(), 0.0);
        double[] expectedVectors = {
            0, 1, 0,
            0, 0, 1,
            1, 0, 0,
        };
        assertArrayEquals(expectedVectors, eig.vectors(), 0.0);
    }

    @Test
    void twoByTwoMatrixHasClosedFormEigenvalues() {
        // [[a, b], [b, c]] has eigenvalues (a + c)/2 +- sqrt(((a - c)/2)^2 + b^2).
        double a = 3, b = 1.5, c = -2;
        SymmetricEigen eig = Jacobi.eigh(new double[] {a, b, b, c}, 2);
        double mean = (a + c) / 2;
        double radius = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        assertArrayEquals(new double[] {mean + radius, mean - radius}, eig.values(), 1e-14);
    }

    @Test
    void knownSpectrumIsRecovered() {
        int n = 40;
        double[] spectrum = new double[n];
        for (int k = 0; k < n; k++) {
            spectrum[k] = 10.0 - 0.5 * k;
        }
        double[] q = Reference.randomOrthogonal(n, new SplittableRandom(11));
        double[] a = Reference.scaledProduct(q, spectrum, q, n, n);
        SymmetricEigen eig = Jacobi.eigh(a, n);
        assertArrayEquals(spectrum, eig.values(), 1e-12);
    }

    @Test
    void repeatedEigenvaluesAreRecoveredWithAnOrthonormalEigenspace() {
        int n = 30;
        // Eigenvalue 3 ten times, -1 fifteen times, 0 five times, interleaved.
        double[] spectrum = new double[n];
        for (int k = 0; k < n; k++) {
            spectrum[k] = k % 3 == 0 ? 3.0 : k % 6 == 1 ? 0.0 : -1.0;
        }
        double[] descending = new double[n];
        for (int k = 0; k < n; k++) {
            descending[k] = k < 10 ? 3.0 : k < 15 ? 0.0 : -1.0;
        }
        double[] q = Reference.randomOrthogonal(n, new SplittableRandom(12));
        double[] a = Reference.scaledProduct(q, spectrum, q, n, n);
        SymmetricEigen eig = Jacobi.eigh(a, n);
        assertArrayEquals(descending, eig.values(), 1e-12);
        assertTrue(Reference.orthonormalityError(eig.vectors(), n, n) < TOLERANCE);
        double[] rebuilt = Reference.scaledProduct(eig.vectors(), eig.values(), eig.vectors(), n, n);
        assertTrue(Reference.relativeError(a, rebuilt) < TOLERANCE);
    }

    @Test
    void eigenvaluesScaleWithHugeAndTinyMatrices() {
        double[] a = Reference.randomSymmetric(8, new SplittableRandom(5));
        double[] base = Jacobi.eigh(a, 8).values();
        for (double scale : new double[] {1e-200, 1e200}) {
            double[] scaled = a.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= scale;
            }
            double[] values = Jacobi.eigh(scaled, 8).values();
            for (int k = 0; k < 8; k++) {
                assertEquals(base[k], values[k] / scale, 1e-12);
            }
        }
    }

    @Test
    void largestComponentOfEachEigenvectorIsPositive() {
        int n = 12;
        SymmetricEigen eig = Jacobi.eigh(Reference.randomSymmetric(n, new SplittableRandom(9)), n);
        for (int k = 0; k < n; k++) {
            double largest = 0;
            for (double x : eig.vector(k)) {
                largest = Math.abs(x) > Math.abs(largest) ? x : largest;
            }
            assertTrue(largest > 0);
        }
    }

    @Test
    void inputIsNotModified() {
        double[] a = Reference.randomSymmetric(6, new SplittableRandom(4));
        double[] copy = a.clone();
        Jacobi.eigh(a, 6);
        assertArrayEquals(copy, a, 0.0);
    }

    @Test
    void emptyMatrixHasNoEigenvalues() {
        SymmetricEigen eig = Jacobi.eigh(new double[0], 0);
        assertEquals(0, eig.values().length);
        assertEquals(0, eig.vectors().length);
    }

    @Test
    void oneByOneMatrixIsItsOwnEigenvalueWithUnitEigenvector() {
        SymmetricEigen eig = Jacobi.eigh(new double[] {-4.5}, 1);
        assertArrayEquals(new double[] {-4.5}, eig.values(), 0.0);
        assertArrayEquals(new double[] {1.0}, eig.vectors(), 0.0);
    }

    @Test
    void zeroMatrixHasZeroEigenvaluesAndIdentityEigenvectors() {
        SymmetricEigen eig = Jacobi.eigh(new double[9], 3);
        assertArrayEquals(new double[3], eig.values(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, eig.vectors(), 0.0);
    }

    @Test
    void rejectsNonSymmetricMatrix() {
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobi.eigh(new double[] {1, 2, 3, 4}, 2));
        assertTrue(e.getMessage().startsWith("eigh:"), e.getMessage());
        assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    }

    @Test
    void acceptsAsymmetryWithinRoundingTolerance() {
        double[] a = {1, 2, 2 + 1e-14, 4};
        SymmetricEigen eig = Jacobi.eigh(a, 2);
        assertEquals(5.0, eig.values()[0] + eig.values()[1], 1e-12);
    }

    @Test
    void rejectsNaN() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Jacobi.eigh(new double[] {1, 0, 0, Double.NaN}, 2));
        assertTrue(e.getMessage().startsWith("eigh:"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void rejectsInfinity() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Jacobi.eigh(new double[] {Double.POSITIVE_INFINITY, 0, 0, 1}, 2));
        assertTrue(e.getMessage().startsWith("eigh:"), e.getMessage());
    }

    @Test
    void rejectsArrayWhoseLengthIsNotNSquared() {
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobi.eigh(new double[8], 3));
        assertEquals("eigh: a [3, 3] matrix needs 9 values, got 8", e.getMessage());
    }

    @Test
    void rejectsNegativeOrder() {
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobi.eigh(new double[0], -1));
        assertTrue(e.getMessage().startsWith("eigh:"), e.getMessage());
    }
}
