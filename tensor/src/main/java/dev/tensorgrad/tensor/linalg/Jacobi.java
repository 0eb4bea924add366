package dev.tensorgrad.tensor.linalg;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Jacobi methods for dense FLOAT64 matrices stored as row-major {@code double[]} arrays: the
 * cyclic Jacobi eigenvalue algorithm for symmetric matrices and the one-sided (Hestenes) Jacobi
 * SVD.
 *
 * <p>Both rest on one idea: a plane rotation through the angle that diagonalises a symmetric
 * 2×2 matrix {@code [[app, apq], [apq, aqq]]}. The eigenvalue algorithm applies it to a pair of
 * rows and columns of A to zero {@code a[p][q]}; the SVD applies it to a pair of columns of A to
 * make them orthogonal, using their Gram matrix as the 2×2 matrix. Sweeping over all pairs
 * repeatedly converges quadratically, and every step is an orthogonal transformation, so the
 * results are accurate to a small multiple of machine epsilon (Golub &amp; Van Loan, Matrix
 * Computations, sections 8.5 and 8.6; Demmel &amp; Veselić 1992).
 */
public final class Jacobi {

    /** Sweeps allowed before giving up; convergence normally takes 6 to 12. */
    private static final int MAX_SWEEPS = 60;
    /** eigh stops when the off-diagonal Frobenius norm is this small relative to the whole matrix. */
    private static final double OFF_DIAGONAL_TOLERANCE = 1e-15;
    /** eigh accepts |a[i][j] - a[j][i]| up to this fraction of the largest entry, then symmetrises. */
    private static final double SYMMETRY_TOLERANCE = 1e-10;
    private static final double EPS = Math.ulp(1.0);
    /** Below this a column's squared norm underflows, so the SVD treats the column as zero. */
    private static final double UNDERFLOW_NORM = Math.sqrt(Double.MIN_NORMAL);

    private Jacobi() {
    }

    /**
     * Eigendecomposition of a symmetric n×n matrix by the cyclic Jacobi method.
     *
     * <p>The input is symmetrised as {@code (A + A^T) / 2} before use and is not modified.
     *
     * @param a the matrix, row-major, length n * n
     * @param n the matrix order
     * @return eigenvalues in descending order and orthonormal eigenvectors as columns
     * @throws IllegalArgumentException if n is negative, a.length != n * n, a holds NaN or
     *     infinity, or a is not symmetric to a relative tolerance of 1e-10 of its largest entry
     * @throws ArithmeticException if the iteration fails to converge within 60 sweeps
     */
    public static SymmetricEigen eigh(double[] a, int n) {
        requireMatrix("eigh", a, n, n);
        requireSymmetric(a, n);

        // Scale by a power of two (exact) so that squares can neither overflow nor underflow.
        int exponent = exponentOfLargest(a);
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i * n + j] = 0.5 * (Math.scalb(a[i * n + j], -exponent) + Math.scalb(a[j * n + i], -exponent));
            }
        }
        // Row k of vt is column k of V: rotations then touch two contiguous rows.
        double[] vt = identity(n);
        diagonalise(w, vt, n);

        double[] diagonal = new double[n];
        for (int k = 0; k < n; k++) {
            diagonal[k] = w[k * n + k];
        }
        int[] order = descendingOrder(diagonal);
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            int j = order[k];
            values[k] = Math.scalb(diagonal[j], exponent);
            for (int i = 0; i < n; i++) {
                vectors[i * n + k] = vt[j * n + i];
            }
            if (largestComponentIsNegative(vectors, n, n, k)) {
                negateColumn(vectors, n, n, k);
            }
        }
        return new SymmetricEigen(values, vectors, n);
    }

    /**
     * Thin SVD {@code A = U diag(S) V^T} of an m×n matrix by one-sided (Hestenes) Jacobi.
     *
     * <p>Columns of A are rotated in pairs until all are mutually orthogonal; their norms are then
     * the singular values, the normalised columns are U, and the accumulated rotations are V.
     * For m &lt; n the method runs on A^T and swaps U and V. A column that rotations have reduced
     * to its own rounding error (rank deficiency) gets singular value exactly 0, and left
     * singular vectors for zero singular values are completed to an orthonormal set. The input
     * is not modified.
     *
     * @param a the matrix, row-major, length m * n
     * @param m number of rows
     * @param n number of columns
     * @return U (m×r), S (r, descending, non-negative) and V (n×r), with r = min(m, n)
     * @throws IllegalArgumentException if m or n is negative, a.length != m * n, or a holds NaN
     *     or infinity
     * @throws ArithmeticException if the iteration fails to converge within 60 sweeps
     */
    public static Svd svd(double[] a, int m, int n) {
        requireMatrix("svd", a, m, n);

        // Work on whichever of A and A^T has at least as many rows as columns, stored by column
        // so that the rotations run over contiguous memory. The columns of A^T are the rows of A.
        boolean wide = m < n;
        int rows = wide ? n : m;
        int cols = wide ? m : n;
        int exponent = exponentOfLargest(a);
        double[] w = new double[rows * cols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double x = Math.scalb(a[i * n + j], -exponent);
                if (wide) {
                    w[i * n + j] = x;
                } else {
                    w[j * m + i] = x;
                }
            }
        }
        // noise[j] bounds the rounding error carried by column j, starting from that of its entries.
        double[] noise = new double[cols];
        for (int j = 0; j < cols; j++) {
            noise[j] = EPS * Math.sqrt(dot(w, j * rows, w, j * rows, rows));
        }
        double[] vt = orthogonaliseColumns(w, rows, cols, noise);

        // A column no larger than its own rounding error has no meaningful direction: its
        // singular value is zero to working precision, and its U column is completed instead.
        double[] norms = new double[cols];
        for (int j = 0; j < cols; j++) {
            double norm = Math.sqrt(dot(w, j * rows, w, j * rows, rows));
            norms[j] = isNoise(norm, noise[j]) ? 0.0 : norm;
        }
        int[] order = descendingOrder(norms);

        // left: rows×cols, the normalised working columns; right: cols×cols, the rotations.
        double[] left = new double[rows * cols];
        double[] right = new double[cols * cols];
        double[] s = new double[cols];
        for (int k = 0; k < cols; k++) {
            int j = order[k];
            s[k] = Math.scalb(norms[j], exponent);
            for (int i = 0; i < cols; i++) {
                right[i * cols + k] = vt[j * cols + i];
            }
            if (norms[j] > 0) {
                for (int i = 0; i < rows; i++) {
                    left[i * cols + k] = w[j * rows + i] / norms[j];
                }
            } else {
                completeOrthonormalColumn(left, rows, cols, k);
            }
        }
        double[] u = wide ? right : left;
        int uRows = wide ? cols : rows;
        for (int k = 0; k < cols; k++) {
            if (largestComponentIsNegative(u, uRows, cols, k)) {
                negateColumn(left, rows, cols, k);
                negateColumn(right, cols, cols, k);
            }
        }
        return wide ? new Svd(right, s, left, m, n) : new Svd(left, s, right, m, n);
    }

    /**
     * Cyclic Jacobi on the symmetric n×n matrix w (row-major, overwritten by its diagonal form),
     * accumulating the rotations into the rows of vt.
     */
    private static void diagonalise(double[] w, double[] vt, int n) {
        double norm = Math.sqrt(dot(w, 0, w, 0, n * n));
        for (int sweep = 0; offDiagonalNorm(w, n) > OFF_DIAGONAL_TOLERANCE * norm; sweep++) {
            if (sweep == MAX_SWEEPS) {
                throw new ArithmeticException("eigh: no convergence after " + MAX_SWEEPS
                        + " sweeps for a [" + n + ", " + n + "] matrix");
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = w[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double t = rotationTangent(w[p * n + p], w[q * n + q], apq);
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = t * c;
                    // Rutishauser: updating x by s * (y + tau * x) with tau = s / (1 + c) loses
                    // less to rounding than forming c * x - s * y.
                    double tau = s / (1 + c);
                    w[p * n + p] -= t * apq;
                    w[q * n + q] += t * apq;
                    w[p * n + q] = 0;
                    w[q * n + p] = 0;
                    // Rows p and q are contiguous; the symmetric columns are copied from them.
                    for (int r = 0; r < n; r++) {
                        if (r == p || r == q) {
                            continue;
                        }
                        double arp = w[p * n + r];
                        double arq = w[q * n + r];
                        double newRp = arp - s * (arq + tau * arp);
                        double newRq = arq + s * (arp - tau * arq);
                        w[p * n + r] = newRp;
                        w[q * n + r] = newRq;
                        w[r * n + p] = newRp;
                        w[r * n + q] = newRq;
                    }
                    rotateRows(vt, p * n, q * n, n, s, tau);
                }
            }
        }
    }

    /**
     * One-sided Jacobi on {@code cols} column vectors of length {@code rows} stored one after
     * another in w, until every pair is orthogonal to working precision or one of the two is
     * pure rounding noise. noise[j] bounds the absolute rounding error in column j and is
     * updated as columns are rotated. Returns the accumulated rotations as a cols×cols matrix
     * whose row j is column j of V.
     */
    private static double[] orthogonaliseColumns(double[] w, int rows, int cols, double[] noise) {
        // A computed dot product of length `rows` carries about rows * eps relative rounding
        // error, so demanding more orthogonality than that could never be satisfied.
        double tolerance = Math.max(OFF_DIAGONAL_TOLERANCE, Math.sqrt(rows) * EPS);
        double[] vt = identity(cols);
        for (int sweep = 0; ; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < cols - 1; p++) {
                for (int q = p + 1; q < cols; q++) {
                    int wp = p * rows;
                    int wq = q * rows;
                    double alpha = dot(w, wp, w, wp, rows);
                    double beta = dot(w, wq, w, wq, rows);
                    double gamma = dot(w, wp, w, wq, rows);
                    double normP = Math.sqrt(alpha);
                    double normQ = Math.sqrt(beta);
                    // Skip when the cosine of the angle between the columns is tiny, or when a
                    // column is rounding noise left by cancellation (rank deficiency): no
                    // rotation can make noise orthogonal, it only shrinks it further.
                    if (Math.abs(gamma) <= tolerance * normP * normQ
                            || isNoise(normP, noise[p]) || isNoise(normQ, noise[q])) {
                        continue;
                    }
                    rotated = true;
                    // The rotation diagonalising the Gram matrix [[alpha, gamma], [gamma, beta]].
                    double t = rotationTangent(alpha, beta, gamma);
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = t * c;
                    double tau = s / (1 + c);
                    rotateRows(w, wp, wq, rows, s, tau);
                    rotateRows(vt, p * cols, q * cols, cols, s, tau);
                    // The rotation is orthogonal: it turns the columns' errors, it does not grow them.
                    double noiseP = noise[p];
                    noise[p] = Math.hypot(c * noiseP, s * noise[q]);
                    noise[q] = Math.hypot(s * noiseP, c * noise[q]);
                }
            }
            if (!rotated) {
                return vt;
            }
            if (sweep + 1 == MAX_SWEEPS) {
                throw new ArithmeticException("svd: no convergence after " + MAX_SWEEPS
                        + " sweeps for " + cols + " columns of length " + rows);
            }
        }
    }

    /**
     * Tangent of the rotation angle that diagonalises {@code [[app, apq], [apq, aqq]]}.
     * Of the two roots of {@code t^2 + 2 theta t - 1 = 0} it takes the smaller, |angle| &lt;= pi/4,
     * computed without cancellation; this choice is what makes Jacobi converge.
     */
    private static double rotationTangent(double app, double aqq, double apq) {
        double theta = (aqq - app) / (2 * apq);
        // For huge theta, theta^2 would overflow; the root is then 1 / (2 theta) to full precision.
        if (Math.abs(theta) > 1e150) {
            return 0.5 / theta;
        }
        double t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
        return theta >= 0 ? t : -t;
    }

    /**
     * Applies the rotation [x, y] -> [c x - s y, s x + c y] to two length-{@code len} vectors
     * starting at offsets x and y of m, in Rutishauser's form with tau = s / (1 + c).
     */
    private static void rotateRows(double[] m, int x, int y, int len, double s, double tau) {
        for (int i = 0; i < len; i++) {
            double xi = m[x + i];
            double yi = m[y + i];
            m[x + i] = xi - s * (yi + tau * xi);
            m[y + i] = yi + s * (xi - tau * yi);
        }
    }

    /**
     * Fills column k of the rows×cols row-major matrix m with a unit vector orthogonal to columns
     * 0..k-1: the first standard basis vector with a sizeable component outside their span,
     * orthogonalised by Gram-Schmidt applied twice (once is not enough in floating point).
     */
    private static void completeOrthonormalColumn(double[] m, int rows, int cols, int k) {
        double[] candidate = new double[rows];
        // The k columns span k < rows dimensions, so the squared residuals of e_0..e_{rows-1}
        // sum to rows - k >= 1 and some e_i keeps at least 1 / rows of its length.
        for (int e = 0; e < rows; e++) {
            Arrays.fill(candidate, 0.0);
            candidate[e] = 1.0;
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < k; j++) {
                    double projection = 0;
                    for (int i = 0; i < rows; i++) {
                        projection += m[i * cols + j] * candidate[i];
                    }
                    for (int i = 0; i < rows; i++) {
                        candidate[i] -= projection * m[i * cols + j];
                    }
                }
            }
            double norm = Math.sqrt(dot(candidate, 0, candidate, 0, rows));
            if (norm * norm > 0.5 / rows) {
                for (int i = 0; i < rows; i++) {
                    m[i * cols + k] = candidate[i] / norm;
                }
                return;
            }
        }
        throw new AssertionError("svd: no basis vector outside a span of " + k + " < " + rows + " dimensions");
    }

    /** A column is noise if its norm is within its rounding-error bound, or its square underflows. */
    private static boolean isNoise(double norm, double noise) {
        return norm <= noise || norm < UNDERFLOW_NORM;
    }

    private static double offDiagonalNorm(double[] w, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += w[i * n + j] * w[i * n + j];
            }
        }
        return Math.sqrt(2 * sum);
    }

    private static double dot(double[] x, int xOffset, double[] y, int yOffset, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += x[xOffset + i] * y[yOffset + i];
        }
        return sum;
    }

    private static double[] identity(int n) {
        double[] eye = new double[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1.0;
        }
        return eye;
    }

    /** Binary exponent of the largest |entry|, or 0 for an all-zero matrix. */
    private static int exponentOfLargest(double[] a) {
        double largest = largestMagnitude(a);
        return largest == 0 ? 0 : Math.getExponent(largest);
    }

    private static double largestMagnitude(double[] a) {
        double largest = 0;
        for (double x : a) {
            largest = Math.max(largest, Math.abs(x));
        }
        return largest;
    }

    /** Indices that sort x in descending order; ties keep their original order. */
    private static int[] descendingOrder(double[] x) {
        return IntStream.range(0, x.length).boxed()
                .sorted((i, j) -> Double.compare(x[j], x[i]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Sign convention: the first component of largest magnitude of each vector is positive. */
    private static boolean largestComponentIsNegative(double[] m, int rows, int cols, int k) {
        double largest = 0;
        double signed = 0;
        for (int i = 0; i < rows; i++) {
            double x = m[i * cols + k];
            if (Math.abs(x) > largest) {
                largest = Math.abs(x);
                signed = x;
            }
        }
        return signed < 0;
    }

    private static void negateColumn(double[] m, int rows, int cols, int k) {
        for (int i = 0; i < rows; i++) {
            m[i * cols + k] = -m[i * cols + k];
        }
    }

    private static void requireMatrix(String op, double[] a, int m, int n) {
        Objects.requireNonNull(a, op + ": matrix is null");
        if (m < 0 || n < 0) {
            throw new IllegalArgumentException(op + ": shape must be non-negative, got [" + m + ", " + n + "]");
        }
        if ((long) m * n != a.length) {
            throw new IllegalArgumentException(op + ": a [" + m + ", " + n + "] matrix needs "
                    + (long) m * n + " values, got " + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(op + ": [" + m + ", " + n + "] matrix holds "
                        + a[i] + " at [" + i / n + ", " + i % n + "]");
            }
        }
    }

    private static void requireSymmetric(double[] a, int n) {
        double largest = largestMagnitude(a);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double upper = a[i * n + j];
                double lower = a[j * n + i];
                if (Math.abs(upper - lower) > SYMMETRY_TOLERANCE * largest) {
                    throw new IllegalArgumentException("eigh: [" + n + ", " + n + "] matrix is not symmetric: a["
                            + i + "][" + j + "] = " + upper + " but a[" + j + "][" + i + "] = " + lower);
                }
            }
        }
    }
}
