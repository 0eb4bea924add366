package dev.tensorgrad.experiments.pcaae;

import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

/**
 * Principal angles between two k-dimensional subspaces of R^m (Björck &amp; Golub 1973): with
 * orthonormal bases Q_A and Q_B, the singular values of {@code Q_A^T Q_B} are the cosines of the
 * angles. The largest angle is 0 exactly when the subspaces coincide.
 */
public final class PrincipalAngles {

    private PrincipalAngles() {
    }

    /**
     * The largest principal angle, in radians, between the column spans of {@code a} and {@code b}.
     *
     * <p>Each span gets an orthonormal basis from its thin SVD (the left singular vectors). The
     * angle comes from an arccosine, so angles below about 1e-8 rad read as 0 or 1e-8: the
     * cosine is 1 to working precision there.
     *
     * @param a [m, k] with independent columns
     * @param b [m, k] with independent columns
     * @throws IllegalArgumentException if the shapes differ or are not 2-D
     */
    public static double largest(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(0) != b.size(0) || a.size(1) != b.size(1)) {
            throw new IllegalArgumentException("principalAngles: need two [m, k] matrices of the same shape, got "
                    + Shape.format(a.shape()) + " and " + Shape.format(b.shape()));
        }
        Tensor qa = Linalg.svd(a).u();
        Tensor qb = Linalg.svd(b).u();
        double[] cosines = Linalg.svd(qa.t().matmul(qb)).s().toDoubleArray();
        double smallestCosine = cosines[cosines.length - 1];
        return Math.acos(Math.min(1.0, smallestCosine));
    }
}
