package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

/**
 * PCA whitening fitted on a training set: z' = (z - mean) V diag(1 / sqrt(lambda + floor)), with
 * V, lambda the eigenvectors and eigenvalues of the training covariance. The map is linear and
 * invertible, so a linear classifier on z' can express exactly what one on z can; it only makes
 * every direction equally scaled, which spares a gradient-based probe from crawling along the
 * low-variance directions of an ill-conditioned code (such as a random square encoder's).
 *
 * @param mean       the training mean, [1, k]
 * @param projection V diag(1 / sqrt(lambda + floor)), [k, k]
 */
public record Whitening(Tensor mean, Tensor projection) {

    /** The floor added to every eigenvalue, relative to the largest: keeps rank-deficient codes finite. */
    public static final double RELATIVE_FLOOR = 1e-6;

    /**
     * Fits the whitening of {@code train} [n, k] (FLOAT64 arithmetic, result in train's dtype).
     *
     * @throws IllegalArgumentException if train is not 2-D with at least one row
     */
    public static Whitening fit(Tensor train) {
        if (train.rank() != 2 || train.size(0) == 0) {
            throw new IllegalArgumentException("Whitening.fit: expected features [n, k] with n > 0, got "
                    + Shape.format(train.shape()));
        }
        Tensor mean = train.mean(new int[] {0}, true);
        Tensor centred = train.sub(mean).to(DType.FLOAT64);
        Tensor covariance = centred.t().matmul(centred).div(train.size(0));
        // Rounding leaves the product a hair from symmetric; eigh wants it exact.
        Linalg.Eigen eigen = Linalg.eigh(covariance.add(covariance.t()).mul(0.5));
        double[] lambda = eigen.values().toDoubleArray();
        double floor = RELATIVE_FLOOR * Math.max(lambda[0], Double.MIN_NORMAL);
        double[] scale = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            scale[i] = 1 / Math.sqrt(Math.max(lambda[i], 0) + floor);
        }
        Tensor projection = eigen.vectors().mul(Tensor.of(scale, scale.length)).to(train.dtype());
        return new Whitening(mean, projection);
    }

    /** The whitened features of z [n, k]. */
    public Tensor apply(Tensor z) {
        return z.sub(mean).matmul(projection);
    }
}
