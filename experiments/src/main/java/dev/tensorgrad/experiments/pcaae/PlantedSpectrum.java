package dev.tensorgrad.experiments.pcaae;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

/**
 * Zero-centred Gaussian data with a chosen covariance spectrum along random orthogonal directions:
 * {@code X = Q diag(sqrt(variances)) Z}, then each row (feature) centred, with Q a random
 * orthogonal matrix and Z standard normal. With distinct variances the sample eigenvalues of
 * {@code X X^T} are distinct too, so the principal components are identifiable.
 */
public final class PlantedSpectrum {

    private PlantedSpectrum() {
    }

    /**
     * Draws n samples of dimension m = variances.length, as the columns of a FLOAT64 [m, n] tensor
     * whose rows each sum to zero.
     *
     * @throws IllegalArgumentException if n is below 2, there are no variances or one is negative
     */
    public static Tensor generate(double[] variances, int n, Rng rng) {
        int m = variances.length;
        if (m == 0 || n < 2) {
            throw new IllegalArgumentException("plantedSpectrum: need at least one variance and two samples, got m="
                    + m + ", n=" + n);
        }
        double[] scale = new double[m];
        for (int i = 0; i < m; i++) {
            if (!(variances[i] >= 0)) {
                throw new IllegalArgumentException("plantedSpectrum: variance " + i + " is " + variances[i]);
            }
            scale[i] = Math.sqrt(variances[i]);
        }
        // The eigenvectors of a random symmetric Gaussian matrix form a random orthogonal basis.
        Tensor g = Tensor.randn(rng, DType.FLOAT64, m, m);
        Tensor q = Linalg.eigh(g.add(g.t())).vectors();
        Tensor z = Tensor.randn(rng, DType.FLOAT64, m, n);
        Tensor x = q.mul(Tensor.of(scale, 1, m)).matmul(z);
        return x.sub(x.mean(new int[] {1}, true));
    }
}
