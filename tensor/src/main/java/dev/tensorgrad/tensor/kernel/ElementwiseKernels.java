package dev.tensorgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD loops for elementwise functions over a row of elements. Every operand is either contiguous
 * (stride 1) or a single value repeated along the row (stride 0), which covers contiguous tensors
 * and the common broadcasts such as adding a bias to every row.
 *
 * <p>The vector form of each op is chosen by a {@code switch} on a constant-per-call enum, so the
 * JIT sees a fixed Vector API operation and compiles it to machine instructions. Ops without a
 * vector form, and the tail of each row, run the scalar definition {@link UnaryOp#apply}.
 */
public final class ElementwiseKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private ElementwiseKernels() {
    }

    /** out[i] = op(x[i]) for i in [0, n). */
    public static void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        // FLOAT32 tanh also has a vector form built from exactly rounded operations (RationalTanh).
        if (hasVectorForm(op) || op == UnaryOp.TANH) {
            for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                vector(op, FloatVector.fromArray(F, x, xOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = (float) op.apply(x[xOff + i]);
        }
    }

    /** out[i] = op(x[i]) for i in [0, n), in double precision. */
    public static void unary(UnaryOp op, double[] x, int xOff, double[] out, int outOff, int n) {
        int i = 0;
        if (hasVectorForm(op)) {
            for (int upper = D.loopBound(n); i < upper; i += D.length()) {
                vector(op, DoubleVector.fromArray(D, x, xOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(x[xOff + i]);
        }
    }

    /** out[i] = op(a[aOff + i*aStride], b[bOff + i*bStride]); strides are 0 or 1. */
    public static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] out, int outOff, int n) {
        int i = 0;
        if (hasVectorForm(op)) {
            FloatVector aScalar = FloatVector.broadcast(F, aStride == 0 && n > 0 ? a[aOff] : 0f);
            FloatVector bScalar = FloatVector.broadcast(F, bStride == 0 && n > 0 ? b[bOff] : 0f);
            for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                FloatVector va = aStride == 0 ? aScalar : FloatVector.fromArray(F, a, aOff + i);
                FloatVector vb = bStride == 0 ? bScalar : FloatVector.fromArray(F, b, bOff + i);
                vector(op, va, vb).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = (float) op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
        }
    }

    /** out[i] = op(a[aOff + i*aStride], b[bOff + i*bStride]) in double precision; strides are 0 or 1. */
    public static void binary(BinaryOp op, double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                              double[] out, int outOff, int n) {
        int i = 0;
        if (hasVectorForm(op)) {
            DoubleVector aScalar = DoubleVector.broadcast(D, aStride == 0 && n > 0 ? a[aOff] : 0);
            DoubleVector bScalar = DoubleVector.broadcast(D, bStride == 0 && n > 0 ? b[bOff] : 0);
            for (int upper = D.loopBound(n); i < upper; i += D.length()) {
                DoubleVector va = aStride == 0 ? aScalar : DoubleVector.fromArray(D, a, aOff + i);
                DoubleVector vb = bStride == 0 ? bScalar : DoubleVector.fromArray(D, b, bOff + i);
                vector(op, va, vb).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
        }
    }

    /**
     * y[yOff + i] += alpha * x[xOff + i*xStride] for i in [0, n) (BLAS axpy); xStride is 0 or 1. The
     * product is rounded before the sum, as {@code y.add(x.mul(alpha))} would round it (no FMA).
     */
    public static void addScaled(float alpha, float[] x, int xOff, int xStride, float[] y, int yOff, int n) {
        int i = 0;
        if (xStride == 1) {
            for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                FloatVector product = FloatVector.fromArray(F, x, xOff + i).mul(alpha);
                FloatVector.fromArray(F, y, yOff + i).add(product).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i * xStride];
        }
    }

    /** y[yOff + i] += alpha * x[xOff + i*xStride] for i in [0, n), in double precision; xStride is 0 or 1. */
    public static void addScaled(double alpha, double[] x, int xOff, int xStride, double[] y, int yOff, int n) {
        int i = 0;
        if (xStride == 1) {
            for (int upper = D.loopBound(n); i < upper; i += D.length()) {
                DoubleVector product = DoubleVector.fromArray(D, x, xOff + i).mul(alpha);
                DoubleVector.fromArray(D, y, yOff + i).add(product).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i * xStride];
        }
    }

    /**
     * Only correctly rounded ops run as vectors. The Vector API's exp, log and tanh may return
     * different last bits before and after the JIT compiles them, which would break "same seed,
     * same numbers"; those run the scalar {@code Math} definition, whose HotSpot intrinsics give the
     * same bits in the interpreter and in compiled code. The one exception is FLOAT32 tanh, whose
     * vector form ({@link RationalTanh}) is built from exactly rounded operations only; a row's
     * vector body then uses it and its scalar tail {@code Math.tanh}, a few units in the last place apart.
     */
    private static boolean hasVectorForm(UnaryOp op) {
        return switch (op) {
            case NEG, SQRT, ABS, RELU -> true;
            default -> false;
        };
    }

    private static boolean hasVectorForm(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM -> true;
            default -> false;
        };
    }

    private static FloatVector vector(UnaryOp op, FloatVector x) {
        return switch (op) {
            case NEG -> x.neg();
            case SQRT -> x.sqrt();
            case ABS -> x.abs();
            case RELU -> x.max(0f);
            case TANH -> RationalTanh.tanh(x);
            default -> throw new AssertionError(op + " has no vector form");
        };
    }

    private static DoubleVector vector(UnaryOp op, DoubleVector x) {
        return switch (op) {
            case NEG -> x.neg();
            case SQRT -> x.sqrt();
            case ABS -> x.abs();
            case RELU -> x.max(0.0);
            default -> throw new AssertionError(op + " has no vector form");
        };
    }

    private static FloatVector vector(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAXIMUM -> a.max(b);
            case MINIMUM -> a.min(b);
            default -> throw new AssertionError(op + " has no vector form");
        };
    }

    private static DoubleVector vector(BinaryOp op, DoubleVector a, DoubleVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAXIMUM -> a.max(b);
            case MINIMUM -> a.min(b);
            default -> throw new AssertionError(op + " has no vector form");
        };
    }
}
