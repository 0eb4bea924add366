package dev.tensorgrad.tensor.linalg;

/**
 * Eigendecomposition {@code A = V diag(values) V^T} of a symmetric n×n matrix.
 *
 * <p>{@code values} holds the n eigenvalues in descending order. {@code vectors} is an n×n
 * row-major matrix whose column k, {@code vectors[i * n + k]} for i in [0, n), is the unit
 * eigenvector for {@code values[k]}; the columns are orthonormal. Each eigenvector is signed so
 * that its component of largest magnitude is positive, which makes results reproducible.
 *
 * <p>Like every record holding arrays, equality is by array identity, not contents.
 *
 * @param values eigenvalues, descending, length n
 * @param vectors eigenvectors as the columns of an n×n row-major matrix, length n * n
 * @param n the matrix order
 */
public record SymmetricEigen(double[] values, double[] vectors, int n) {

    /**
     * Checks that the arrays match the order n.
     *
     * @throws IllegalArgumentException if n is negative or an array has the wrong length
     */
    public SymmetricEigen {
        if (n < 0) {
            throw new IllegalArgumentException("SymmetricEigen: n must be >= 0, got " + n);
        }
        if (values.length != n || vectors.length != n * n) {
            throw new IllegalArgumentException("SymmetricEigen: expected " + n + " values and "
                    + n * n + " vector entries for n = " + n + ", got " + values.length
                    + " and " + vectors.length);
        }
    }

    /**
     * Returns a copy of eigenvector k, the k-th column of {@link #vectors()}.
     *
     * @param k index of the eigenvalue, in [0, n)
     * @return a new array of length n
     * @throws IndexOutOfBoundsException if k is not in [0, n)
     */
    public double[] vector(int k) {
        java.util.Objects.checkIndex(k, n);
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            column[i] = vectors[i * n + k];
        }
        return column;
    }
}
