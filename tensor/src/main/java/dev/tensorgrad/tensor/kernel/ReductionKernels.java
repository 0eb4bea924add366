package dev.tensorgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD sums of a contiguous run. Partial sums are kept in vector lanes and combined at the end, so
 * the order of additions differs from a left-to-right loop (and is, like pairwise summation, more
 * accurate), but it is fixed: the same input always gives the same bits. The lanes are added
 * left to right at the end rather than by {@code reduceLanes}, whose order is unspecified.
 */
public final class ReductionKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private ReductionKernels() {
    }

    /** The sum of x[off .. off+n), accumulated in float lanes and returned widened to double. */
    public static double sum(float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        int step = 2 * F.length();
        for (int upper = n - n % step; i < upper; i += step) {
            acc0 = acc0.add(FloatVector.fromArray(F, x, off + i));
            acc1 = acc1.add(FloatVector.fromArray(F, x, off + i + F.length()));
        }
        return total(acc0.add(acc1), x, off + i, n - i);
    }

    /**
     * The sums of two runs of the same length n, x[offA .. offA+n) and x[offB .. offB+n), read side
     * by side: two streams keep more memory requests in flight than one, so a large sum reads
     * memory faster. Each sum gets exactly the bits {@link #sum(float[], int, int)} gives it.
     *
     * @return {@code {sum of run A, sum of run B}}
     */
    public static double[] sumTwo(float[] x, int offA, int offB, int n) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        int i = 0;
        int step = 2 * F.length();
        for (int upper = n - n % step; i < upper; i += step) {
            a0 = a0.add(FloatVector.fromArray(F, x, offA + i));
            a1 = a1.add(FloatVector.fromArray(F, x, offA + i + F.length()));
            b0 = b0.add(FloatVector.fromArray(F, x, offB + i));
            b1 = b1.add(FloatVector.fromArray(F, x, offB + i + F.length()));
        }
        return new double[] {total(a0.add(a1), x, offA + i, n - i), total(b0.add(b1), x, offB + i, n - i)};
    }

    /** The lanes of acc added left to right (not {@code reduceLanes}, whose order is unspecified), then x[from .. from+tail). */
    private static double total(FloatVector acc, float[] x, int from, int tail) {
        float[] lanes = new float[F.length()];
        acc.intoArray(lanes, 0);
        double total = 0;
        for (float lane : lanes) {
            total += lane;
        }
        for (int i = from; i < from + tail; i++) {
            total += x[i];
        }
        return total;
    }

    /** The sum of x[off .. off+n). */
    public static double sum(double[] x, int off, int n) {
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        int step = 2 * D.length();
        for (int upper = n - n % step; i < upper; i += step) {
            acc0 = acc0.add(DoubleVector.fromArray(D, x, off + i));
            acc1 = acc1.add(DoubleVector.fromArray(D, x, off + i + D.length()));
        }
        return total(acc0.add(acc1), x, off + i, n - i);
    }

    /** {@link #sumTwo(float[], int, int, int)} for doubles: each sum has the bits of {@link #sum(double[], int, int)}. */
    public static double[] sumTwo(double[] x, int offA, int offB, int n) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector b0 = DoubleVector.zero(D);
        DoubleVector b1 = DoubleVector.zero(D);
        int i = 0;
        int step = 2 * D.length();
        for (int upper = n - n % step; i < upper; i += step) {
            a0 = a0.add(DoubleVector.fromArray(D, x, offA + i));
            a1 = a1.add(DoubleVector.fromArray(D, x, offA + i + D.length()));
            b0 = b0.add(DoubleVector.fromArray(D, x, offB + i));
            b1 = b1.add(DoubleVector.fromArray(D, x, offB + i + D.length()));
        }
        return new double[] {total(a0.add(a1), x, offA + i, n - i), total(b0.add(b1), x, offB + i, n - i)};
    }

    private static double total(DoubleVector acc, double[] x, int from, int tail) {
        double[] lanes = new double[D.length()];
        acc.intoArray(lanes, 0);
        double total = 0;
        for (double lane : lanes) {
            total += lane;
        }
        for (int i = from; i < from + tail; i++) {
            total += x[i];
        }
        return total;
    }
}
