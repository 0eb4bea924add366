package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

class InitTest {
    private static void assertWithin(double[] values, double bound) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound, "max |w| = " + max + " exceeds " + bound);
        assertTrue(max > 0.9 * bound, "max |w| = " + max + " does not reach near " + bound);
    }

    @Test
    void pytorchDefaultIsUniformInOneOverSqrtFanIn() {
        assertWithin(Init.pytorchDefault(new Rng(0), 16, DType.FLOAT64, 2000).toDoubleArray(), 0.25);
    }

    @Test
    void xavierUniformBoundIsSqrtSixOverFanSum() {
        assertWithin(Init.xavierUniform(new Rng(0), 10, 14, DType.FLOAT64, 2000).toDoubleArray(), 0.5);
    }

    @Test
    void kaimingUniformBoundIsSqrtSixOverFanIn() {
        assertWithin(Init.kaimingUniform(new Rng(0), 24, DType.FLOAT64, 2000).toDoubleArray(), 0.5);
    }

    @Test
    void kaimingNormalHasStandardDeviationSqrtTwoOverFanIn() {
        double[] w = Init.kaimingNormal(new Rng(3), 8, DType.FLOAT64, 20000).toDoubleArray();
        double sumSq = 0;
        for (double v : w) {
            sumSq += v * v;
        }
        double std = Math.sqrt(sumSq / w.length);
        assertTrue(Math.abs(std - 0.5) < 0.01, "std " + std);
    }

    @Test
    void sameSeedGivesSameWeights() {
        assertArrayEquals(new Linear(3, 5, new Rng(42)).weight().data().toFloatArray(),
                new Linear(3, 5, new Rng(42)).weight().data().toFloatArray());
    }
}
