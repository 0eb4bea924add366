package dev.tensorgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReductionKernels#sum} against a left-to-right loop for every length 0..70 and offsets
 * into the array. The SIMD sum adds in a different order, so it is compared with a tolerance
 * relative to the sum of absolute values (the scale of the rounding error).
 */
class ReductionKernelsTest {
    private static final int MAX_LENGTH = 70;

    @Test
    void floatSumMatchesALeftToRightLoop() {
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 0; n <= MAX_LENGTH; n++) {
            int off = random.nextInt(4);
            float[] x = new float[off + n + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-10, 10);
            }
            double expected = 0;
            double scale = 0;
            for (int i = off; i < off + n; i++) {
                expected += x[i];
                scale += Math.abs(x[i]);
            }
            assertEquals(expected, ReductionKernels.sum(x, off, n), 1e-6 * scale, "n=" + n);
        }
    }

    @Test
    void doubleSumMatchesALeftToRightLoop() {
        SplittableRandom random = new SplittableRandom(2);
        for (int n = 0; n <= MAX_LENGTH; n++) {
            int off = random.nextInt(4);
            double[] x = new double[off + n + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble(-10, 10);
            }
            double expected = 0;
            double scale = 0;
            for (int i = off; i < off + n; i++) {
                expected += x[i];
                scale += Math.abs(x[i]);
            }
            assertEquals(expected, ReductionKernels.sum(x, off, n), 1e-14 * scale, "n=" + n);
        }
    }

    @Test
    void sumOfWholeNumbersIsExact() {
        double[] x = new double[67];
        float[] f = new float[67];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            f[i] = i;
        }
        assertEquals(66 * 67 / 2.0, ReductionKernels.sum(x, 0, 67), 0);
        assertEquals(66 * 67 / 2.0, ReductionKernels.sum(f, 0, 67), 0);
        assertEquals(0, ReductionKernels.sum(x, 5, 0), 0);
    }

    @Test
    void sumIsTheSameBitsEveryTime() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        double first = ReductionKernels.sum(x, 1, 1000);
        for (int run = 0; run < 5; run++) {
            assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(ReductionKernels.sum(x, 1, 1000)));
        }
    }

    @Test
    void sumTwoGivesEachRunTheBitsOfItsOwnSum() {
        SplittableRandom random = new SplittableRandom(4);
        float[] f = new float[2 * MAX_LENGTH + 10];
        double[] d = new double[2 * MAX_LENGTH + 10];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) random.nextDouble(-1, 1);
            d[i] = random.nextDouble(-1, 1);
        }
        for (int n = 0; n <= MAX_LENGTH; n++) {
            int offA = random.nextInt(4);
            int offB = offA + n + random.nextInt(4);
            double[] floatPair = ReductionKernels.sumTwo(f, offA, offB, n);
            assertEquals(Double.doubleToRawLongBits(ReductionKernels.sum(f, offA, n)), Double.doubleToRawLongBits(floatPair[0]), "float A, n=" + n);
            assertEquals(Double.doubleToRawLongBits(ReductionKernels.sum(f, offB, n)), Double.doubleToRawLongBits(floatPair[1]), "float B, n=" + n);
            double[] doublePair = ReductionKernels.sumTwo(d, offA, offB, n);
            assertEquals(Double.doubleToRawLongBits(ReductionKernels.sum(d, offA, n)), Double.doubleToRawLongBits(doublePair[0]), "double A, n=" + n);
            assertEquals(Double.doubleToRawLongBits(ReductionKernels.sum(d, offB, n)), Double.doubleToRawLongBits(doublePair[1]), "double B, n=" + n);
        }
    }
}
