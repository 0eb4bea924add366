package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

/**
 * A recurrent weight matrix with a chosen spectral radius: W_h = rho Q with Q a random orthogonal
 * matrix. Every eigenvalue of an orthogonal matrix has magnitude exactly 1, so every eigenvalue
 * of W_h has magnitude rho, and so does every singular value: ||v W_h^k|| = rho^k ||v|| for every
 * row vector v. The homework's knob (the largest eigenvalue magnitude) is thereby set exactly,
 * without computing eigenvalues of a non-symmetric matrix, and without the transient growth a
 * non-normal matrix of the same spectral radius can show.
 */
public final class OrthogonalRecurrence {
    private OrthogonalRecurrence() {
    }

    /**
     * A random n x n orthogonal matrix, FLOAT64: from the SVD G = U S V^T of a standard Gaussian
     * matrix, Q = U V^T (the orthogonal matrix nearest to G).
     *
     * @throws IllegalArgumentException if n is not positive
     */
    public static Tensor randomOrthogonal(int n, Rng rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("randomOrthogonal: size must be positive, got " + n);
        }
        Linalg.Decomposition svd = Linalg.svd(Tensor.randn(rng, DType.FLOAT64, n, n));
        return svd.u().matmul(svd.v().t());
    }

    /** rho Q: a matrix whose eigenvalues all have magnitude rho, for an orthogonal Q. */
    public static Tensor withSpectralRadius(Tensor orthogonal, double rho) {
        return orthogonal.mul(rho);
    }
}
