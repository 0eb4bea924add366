package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearRnnGradientTest {

    @Test
    void autogradMatchesTheClosedFormToRoundingAtTheQuickSizes() {
        for (double rho : new double[] {0.5, 1.0, 1.5}) {
            LinearRnnGradient.Agreement a = LinearRnnGradient.check(16, 20, rho, new Rng(3));
            assertTrue(a.hooks() < 1e-8, "hooks, rho " + rho + ": " + a.hooks());
            assertTrue(a.fused() < 1e-8, "fused, rho " + rho + ": " + a.fused());
        }
    }

    @Test
    void closedFormMultipliesByWhOnTheRightOncePerStepBack() {
        double[][] wh = {{1, 2}, {3, 4}};
        double[][] g = LinearRnnGradient.closedForm(2, new double[] {1, 0}, wh, 3);
        assertArrayEquals(new double[] {2, 0}, g[2], 0);
        assertArrayEquals(new double[] {2, 4}, g[1], 0);          // [2, 0] W_h
        assertArrayEquals(new double[] {2 + 12, 4 + 16}, g[0], 0); // [2, 4] W_h
    }

    @Test
    void scaledOrthogonalMatrixHasEverySingularValueEqualToRho() {
        Tensor q = OrthogonalRecurrence.randomOrthogonal(6, new Rng(1));
        double[] s = Linalg.svd(OrthogonalRecurrence.withSpectralRadius(q, 1.1))
                .s().toDoubleArray();
        for (double v : s) {
            assertEquals(1.1, v, 1e-12);
        }
    }
}
