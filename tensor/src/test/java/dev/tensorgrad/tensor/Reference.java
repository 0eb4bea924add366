package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The plain reference the tensor ops are checked against. It never uses {@link StridedLoop} or a
 * kernel: it enumerates multi-indices one by one and reads each element with {@link Tensor#get},
 * which is {@code offset + sum(index[d] * strides[d])} and nothing more.
 */
final class Reference {
    private Reference() {
    }

    /** Every multi-index of {@code shape}, in row-major order. */
    static int[][] indices(int[] shape) {
        int count = 1;
        for (int size : shape) {
            count *= size;
        }
        int[][] all = new int[count][];
        int[] index = new int[shape.length];
        for (int n = 0; n < count; n++) {
            all[n] = index.clone();
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return all;
    }

    /** NumPy broadcasting, spelled out: align at the last dim, a 1 (or a missing dim) stretches. */
    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int sa = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int sb = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (sa != sb && sa != 1 && sb != 1) {
                throw new AssertionError("not broadcastable: " + Arrays.toString(a) + " " + Arrays.toString(b));
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** The element of {@code t} that broadcasting reads for output position {@code outIndex}. */
    static double broadcastGet(Tensor t, int[] outIndex) {
        int lead = outIndex.length - t.rank();
        int[] index = new int[t.rank()];
        for (int d = 0; d < t.rank(); d++) {
            index[d] = t.size(d) == 1 ? 0 : outIndex[lead + d];
        }
        return t.get(index);
    }

    /** f applied to every element, in row-major order. */
    static double[] unary(DoubleUnaryOperator f, Tensor x) {
        int[][] all = indices(x.shape());
        double[] out = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            out[n] = f.applyAsDouble(x.get(all[n]));
        }
        return out;
    }

    /** f(a, b) over the broadcast shape, in row-major order. */
    static double[] binary(DoubleBinaryOperator f, Tensor a, Tensor b) {
        int[][] all = indices(broadcastShape(a.shape(), b.shape()));
        double[] out = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            out[n] = f.applyAsDouble(broadcastGet(a, all[n]), broadcastGet(b, all[n]));
        }
        return out;
    }

    /** The shape a reduction over {@code reduced} dims leaves behind. */
    static int[] reducedShape(int[] shape, boolean[] reduced, boolean keepDim) {
        return Arrays.stream(indicesOf(shape.length))
                .filter(d -> keepDim || !reduced[d])
                .map(d -> reduced[d] ? 1 : shape[d])
                .toArray();
    }

    private static int[] indicesOf(int rank) {
        int[] dims = new int[rank];
        Arrays.setAll(dims, d -> d);
        return dims;
    }

    /**
     * Folds every group of elements that agree on the kept dims, left to right, starting from
     * {@code init}; the result is laid out row-major over the kept dims.
     */
    static double[] reduce(Tensor x, boolean[] reduced, double init, DoubleBinaryOperator fold) {
        int[] kept = reducedShape(x.shape(), reduced, true);
        int[][] outIndices = indices(kept);
        double[] out = new double[outIndices.length];
        Arrays.fill(out, init);
        for (int[] index : indices(x.shape())) {
            int flat = 0;
            for (int d = 0; d < index.length; d++) {
                flat = flat * kept[d] + (reduced[d] ? 0 : index[d]);
            }
            out[flat] = fold.applyAsDouble(out[flat], x.get(index));
        }
        return out;
    }

    /** The dims listed in a bit mask, e.g. 0b101 -> {0, 2}. */
    static int[] dimsOf(int mask, int rank) {
        return Arrays.stream(indicesOf(rank)).filter(d -> (mask >> d & 1) != 0).toArray();
    }

    /** The flags for a bit mask of dims. */
    static boolean[] flagsOf(int mask, int rank) {
        boolean[] flags = new boolean[rank];
        for (int d = 0; d < rank; d++) {
            flags[d] = (mask >> d & 1) != 0;
        }
        return flags;
    }

    /** Asserts the shape, then every element within {@code atol + rtol * |expected|} (NaN matches NaN). */
    static void assertClose(double[] expected, int[] expectedShape, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expectedShape, actual.shape(), "shape");
        double[] values = actual.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = values[i];
            boolean same = Double.isNaN(e) ? Double.isNaN(a)
                    : e == a || Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!same) {
                fail("element " + i + " of shape " + Arrays.toString(expectedShape) + ": expected " + e + " but was "
                        + a + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }
}
