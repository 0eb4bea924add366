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
        float[] lanes = new float[F.length()];
        acc0.add(acc1).intoArray(lanes, 0);
        double total = 0;
        for (float lane : lanes) {
            total += lane;
        }
        for (; i < n; i++) {
            total += x[off + i];
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
        double[] lanes = new double[D.length()];
        acc0.add(acc1).intoArray(lanes, 0);
        double total = 0;
        for (double lane : lanes) {
            total += lane;
        }
        for (; i < n; i++) {
            total += x[off + i];
        }
        return total;
    }
}
