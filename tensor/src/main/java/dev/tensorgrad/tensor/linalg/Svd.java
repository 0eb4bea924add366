package dev.tensorgrad.tensor.linalg;

/**
 * Thin singular value decomposition {@code A = U diag(S) V^T} of an m×n matrix, with
 * r = min(m, n).
 *
 * <p>{@code u} is m×r and {@code v} is n×r, both row-major with orthonormal columns;
 * {@code s} holds the r singular values, descending and non-negative. Column k of U and V
 * ({@code u[i * r + k]}, {@code v[j * r + k]}) are the singular vectors for {@code s[k]}. Each
 * pair is signed so that the component of largest magnitude of the U column is positive.
 *
 * <p>Like every record holding arrays, equality is by array identity, not contents.
 *
 * @param u left singular vectors as the columns of an m×r row-major matrix
 * @param s singular values, descending, length r
 * @param v right singular vectors as the columns of an n×r row-major matrix
 * @param m number of rows of A
 * @param n number of columns of A
 */
public record Svd(double[] u, double[] s, double[] v, int m, int n) {

    /**
     * Checks that the arrays match the shape m×n.
     *
     * @throws IllegalArgumentException if m or n is negative or an array has the wrong length
     */
    public Svd {
        if (m < 0 || n < 0) {
            throw new IllegalArgumentException("Svd: shape must be non-negative, got [" + m + ", " + n + "]");
        }
        int r = Math.min(m, n);
        if (u.length != m * r || s.length != r || v.length != n * r) {
            throw new IllegalArgumentException("Svd: for shape [" + m + ", " + n + "] expected lengths u="
                    + m * r + ", s=" + r + ", v=" + n * r + ", got u=" + u.length + ", s=" + s.length
                    + ", v=" + v.length);
        }
    }

    /**
     * Numerical rank: the number of singular values above {@code max(m, n) * eps * s[0]}, the
     * threshold NumPy's {@code matrix_rank} uses, below which a singular value is
     * indistinguishable from rounding error.
     *
     * @return the numerical rank, in [0, min(m, n)]
     */
    public int rank() {
        if (s.length == 0) {
            return 0;
        }
        double threshold = Math.max(m, n) * Math.ulp(1.0) * s[0];
        int rank = 0;
        while (rank < s.length && s[rank] > threshold) {
            rank++;
        }
        return rank;
    }
}
