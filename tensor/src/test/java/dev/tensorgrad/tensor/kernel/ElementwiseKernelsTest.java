package dev.tensorgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SIMD rows of {@link ElementwiseKernels} against the scalar definitions {@link UnaryOp#apply}
 * and {@link BinaryOp#apply}, for every length 0..70 (so every vector tail is hit), offsets into
 * the arrays, strides 0 and 1, and special values (NaN, infinities, signed zeros, huge numbers).
 * Elements outside the output row must stay untouched.
 */
class ElementwiseKernelsTest {
    private static final int MAX_LENGTH = 70;
    private static final double[] SPECIAL = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e30, -1e30, 100, -100, 1e-30,
    };
    private static final double SENTINEL = 12345;

    /** Random values in [-5, 5) with a special value sprinkled in about every fifth slot. */
    private static double[] values(SplittableRandom random, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextInt(5) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextDouble(-5, 5);
        }
        return v;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** NaN matches NaN, infinities match exactly, finite values within rtol (plus a tiny atol for underflow). */
    private static void assertMatches(double expected, double actual, double rtol, double atol, String where) {
        boolean ok = Double.isNaN(expected) ? Double.isNaN(actual)
                : expected == actual || Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
        if (!ok) {
            fail(where + ": expected " + expected + " but was " + actual);
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryFloatRowsMatchTheScalarDefinition(UnaryOp op) {
        SplittableRandom random = new SplittableRandom(op.ordinal());
        for (int n = 0; n <= MAX_LENGTH; n++) {
            int xOff = random.nextInt(4);
            int outOff = random.nextInt(4);
            float[] x = toFloats(values(random, xOff + n));
            float[] out = new float[outOff + n + 2];
            java.util.Arrays.fill(out, (float) SENTINEL);
            ElementwiseKernels.unary(op, x, xOff, out, outOff, n);
            for (int i = 0; i < out.length; i++) {
                if (i < outOff || i >= outOff + n) {
                    assertEquals(SENTINEL, out[i], 0, "untouched outside the row");
                } else {
                    double expected = (float) op.apply(x[xOff + i - outOff]);
                    assertMatches(expected, out[i], 2e-6, 1e-37, op + " n=" + n + " i=" + (i - outOff));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryDoubleRowsMatchTheScalarDefinition(UnaryOp op) {
        SplittableRandom random = new SplittableRandom(100 + op.ordinal());
        for (int n = 0; n <= MAX_LENGTH; n++) {
            int xOff = random.nextInt(4);
            int outOff = random.nextInt(4);
            double[] x = values(random, xOff + n);
            double[] out = new double[outOff + n + 2];
            java.util.Arrays.fill(out, SENTINEL);
            ElementwiseKernels.unary(op, x, xOff, out, outOff, n);
            for (int i = 0; i < out.length; i++) {
                if (i < outOff || i >= outOff + n) {
                    assertEquals(SENTINEL, out[i], 0, "untouched outside the row");
                } else {
                    double expected = op.apply(x[xOff + i - outOff]);
                    assertMatches(expected, out[i], 1e-14, 1e-300, op + " n=" + n + " i=" + (i - outOff));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryFloatRowsMatchTheScalarDefinitionForStrides0And1(BinaryOp op) {
        SplittableRandom random = new SplittableRandom(200 + op.ordinal());
        for (int aStride = 0; aStride <= 1; aStride++) {
            for (int bStride = 0; bStride <= 1; bStride++) {
                for (int n = 0; n <= MAX_LENGTH; n++) {
                    int aOff = random.nextInt(4);
                    int bOff = random.nextInt(4);
                    int outOff = random.nextInt(4);
                    float[] a = toFloats(values(random, aOff + n + 1));
                    float[] b = toFloats(values(random, bOff + n + 1));
                    float[] out = new float[outOff + n + 2];
                    java.util.Arrays.fill(out, (float) SENTINEL);
                    ElementwiseKernels.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
                    for (int i = 0; i < out.length; i++) {
                        if (i < outOff || i >= outOff + n) {
                            assertEquals(SENTINEL, out[i], 0, "untouched outside the row");
                        } else {
                            int j = i - outOff;
                            double expected = (float) op.apply(a[aOff + j * aStride], b[bOff + j * bStride]);
                            assertMatches(expected, out[i], 1e-6, 1e-37,
                                    op + " strides " + aStride + "," + bStride + " n=" + n + " i=" + j);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryDoubleRowsMatchTheScalarDefinitionForStrides0And1(BinaryOp op) {
        SplittableRandom random = new SplittableRandom(300 + op.ordinal());
        for (int aStride = 0; aStride <= 1; aStride++) {
            for (int bStride = 0; bStride <= 1; bStride++) {
                for (int n = 0; n <= MAX_LENGTH; n++) {
                    int aOff = random.nextInt(4);
                    int bOff = random.nextInt(4);
                    int outOff = random.nextInt(4);
                    double[] a = values(random, aOff + n + 1);
                    double[] b = values(random, bOff + n + 1);
                    double[] out = new double[outOff + n + 2];
                    java.util.Arrays.fill(out, SENTINEL);
                    ElementwiseKernels.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
                    for (int i = 0; i < out.length; i++) {
                        if (i < outOff || i >= outOff + n) {
                            assertEquals(SENTINEL, out[i], 0, "untouched outside the row");
                        } else {
                            int j = i - outOff;
                            double expected = op.apply(a[aOff + j * aStride], b[bOff + j * bStride]);
                            // add, sub, mul, div, max, min are exactly rounded IEEE operations: bit for bit.
                            assertMatches(expected, out[i], 0, 0,
                                    op + " strides " + aStride + "," + bStride + " n=" + n + " i=" + j);
                        }
                    }
                }
            }
        }
    }
}
