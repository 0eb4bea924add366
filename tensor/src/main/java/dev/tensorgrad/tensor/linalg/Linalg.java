package dev.tensorgrad.tensor.linalg;

import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;

/**
 * Tensor-facing entry points to the FLOAT64 decompositions in {@link Jacobi}. Inputs of either
 * dtype are converted to FLOAT64; results come back as FLOAT64 tensors.
 */
public final class Linalg {
    private Linalg() {
    }

    /** Eigenvalues (descending) and eigenvectors (columns) of a symmetric matrix. */
    public record Eigen(Tensor values, Tensor vectors) {
    }

    /** Thin SVD: A = u diag(s) v^T with u [m, r], s [r], v [n, r]. */
    public record Decomposition(Tensor u, Tensor s, Tensor v) {
    }

    /**
     * Symmetric eigendecomposition of an n×n tensor.
     *
     * @throws IllegalArgumentException if a is not a square matrix, is not symmetric (to 1e-10 of its
     *     largest entry), or holds NaN or infinity
     * @throws ArithmeticException if the Jacobi sweeps do not converge
     */
    public static Eigen eigh(Tensor a) {
        int n = checkMatrix("eigh", a)[0];
        if (a.size(1) != n) {
            throw new IllegalArgumentException("eigh: expects a square matrix, got shape " + Shape.format(a.shape()));
        }
        SymmetricEigen e = Jacobi.eigh(a.toDoubleArray(), n);
        return new Eigen(Tensor.of(e.values(), n), Tensor.of(e.vectors(), n, n));
    }

    /**
     * Thin singular value decomposition of an m×n tensor (singular values descending).
     *
     * @throws IllegalArgumentException if a is not 2-D or holds NaN or infinity
     * @throws ArithmeticException if the Jacobi sweeps do not converge
     */
    public static Decomposition svd(Tensor a) {
        int[] mn = checkMatrix("svd", a);
        int r = Math.min(mn[0], mn[1]);
        Svd s = Jacobi.svd(a.toDoubleArray(), mn[0], mn[1]);
        return new Decomposition(Tensor.of(s.u(), mn[0], r), Tensor.of(s.s(), r), Tensor.of(s.v(), mn[1], r));
    }

    private static int[] checkMatrix(String op, Tensor a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(op + ": expects a 2-D tensor, got shape " + Shape.format(a.shape()));
        }
        return a.shape();
    }
}
