package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhiteningTest {

    @Test
    void whitenedTrainingFeaturesHaveIdentityCovariance() {
        Rng rng = new Rng(11);
        int n = 500;
        int k = 4;
        // Correlated, unequally scaled features: z = g M with M mixing and stretching the columns
        // (conditioned well enough that the eigenvalue floor changes nothing at this tolerance).
        Tensor g = Tensor.randn(rng, DType.FLOAT64, n, k);
        Tensor mix = Tensor.of(new double[][] {{3, 0, 0, 0}, {1, 0.5, 0, 0}, {0, 2, 4, 0}, {0, 0, 1, 1}});
        Tensor z = g.matmul(mix).add(5);

        double[][] w = Whitening.fit(z).apply(z).toDoubleMatrix();
        for (int a = 0; a < k; a++) {
            double mean = 0;
            for (double[] row : w) {
                mean += row[a] / n;
            }
            assertEquals(0, mean, 1e-9, "column " + a + " is centred");
            for (int b = 0; b < k; b++) {
                double cov = 0;
                for (double[] row : w) {
                    cov += row[a] * row[b] / n;
                }
                assertEquals(a == b ? 1 : 0, cov, 1e-3, "covariance[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void aRankDeficientCodeStaysFinite() {
        Rng rng = new Rng(2);
        Tensor g = Tensor.randn(rng, DType.FLOAT32, 100, 2);
        // Three features spanning only two directions, as a 150-wide code of 100-dimensional data does.
        Tensor z = Tensor.cat(1, g, g.narrow(1, 0, 1).add(g.narrow(1, 1, 1)));
        for (float v : Whitening.fit(z).apply(z).toFloatArray()) {
            assertTrue(Float.isFinite(v));
        }
    }
}
