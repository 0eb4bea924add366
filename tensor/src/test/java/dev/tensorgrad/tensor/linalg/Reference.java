package dev.tensorgrad.tensor.linalg;

import java.util.SplittableRandom;

/**
 * Plain reference loops over row-major matrices, used by the tests to check decompositions
 * independently of the code under test.
 */
final class Reference {

    private Reference() {
    }

    /** An m×n matrix of independent uniform entries in [-1, 1). */
    static double[] random(int m, int n, SplittableRandom rng) {
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        return a;
    }

    /** A random symmetric n×n matrix (B + B^T) / 2. */
    static double[] randomSymmetric(int n, SplittableRandom rng) {
        double[] b = random(n, n, rng);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 0.5 * (b[i * n + j] + b[j * n + i]);
            }
        }
        return a;
    }

    /** A random n×n orthogonal matrix: modified Gram-Schmidt, applied twice, on a random matrix's columns. */
    static double[] randomOrthogonal(int n, SplittableRandom rng) {
        double[] q = random(n, n, rng);
        for (int k = 0; k < n; k++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < k; j++) {
                    double projection = 0;
                    for (int i = 0; i < n; i++) {
                        projection += q[i * n + j] * q[i * n + k];
                    }
                    for (int i = 0; i < n; i++) {
                        q[i * n + k] -= projection * q[i * n + j];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i * n + k] * q[i * n + k];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i * n + k] /= norm;
            }
        }
        return q;
    }

    /** The m×p product of an m×k matrix a and a k×p matrix b. */
    static double[] matmul(double[] a, double[] b, int m, int k, int p) {
        double[] c = new double[m * p];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += a[i * k + l] * b[l * p + j];
                }
                c[i * p + j] = sum;
            }
        }
        return c;
    }

    /** The n×m transpose of an m×n matrix. */
    static double[] transpose(double[] a, int m, int n) {
        double[] t = new double[n * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j * m + i] = a[i * n + j];
            }
        }
        return t;
    }

    /** The m×n matrix Q diag(d) P^T, for Q m×r and P n×r. */
    static double[] scaledProduct(double[] q, double[] d, double[] p, int m, int n) {
        int r = d.length;
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < r; k++) {
                    sum += q[i * r + k] * d[k] * p[j * r + k];
                }
                a[i * n + j] = sum;
            }
        }
        return a;
    }

    /** The first r columns of an m×n matrix, as an m×r matrix. */
    static double[] leadingColumns(double[] a, int m, int n, int r) {
        double[] c = new double[m * r];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < r; k++) {
                c[i * r + k] = a[i * n + k];
            }
        }
        return c;
    }

    static double frobenius(double[] a) {
        double sum = 0;
        for (double x : a) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** ||a - b||_F / max(||a||_F, tiny): the relative Frobenius distance of b from a. */
    static double relativeError(double[] a, double[] b) {
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            diff[i] = a[i] - b[i];
        }
        return frobenius(diff) / Math.max(frobenius(a), Double.MIN_NORMAL);
    }

    /** ||Q^T Q - I||_F for an m×r matrix Q: zero when its columns are orthonormal. */
    static double orthonormalityError(double[] q, int m, int r) {
        double[] gram = matmul(transpose(q, m, r), q, r, m, r);
        for (int k = 0; k < r; k++) {
            gram[k * r + k] -= 1;
        }
        return frobenius(gram);
    }
}
