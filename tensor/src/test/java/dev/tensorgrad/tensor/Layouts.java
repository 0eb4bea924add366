package dev.tensorgrad.tensor;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Builds test tensors of a requested shape in one of several memory layouts, so every op is seen
 * through contiguous memory, transposes, stepped slices, stride-0 expansions and selects.
 * The whole storage is filled with random values, so reading a wrong position shows up.
 */
final class Layouts {
    private Layouts() {
    }

    /** How a test tensor's elements sit in memory. */
    enum Layout {
        /** Row-major, no gaps. */
        CONTIGUOUS,
        /** A contiguous tensor of the reversed shape, with all dims reversed by permute. */
        TRANSPOSED,
        /** Every dim taken with step 2 from a larger tensor, starting at index 1. */
        STEPPED,
        /** Dims of size > 1 alternately stored with size 1 and expanded (stride 0). */
        EXPANDED,
        /** One slice, selected out of a tensor with an extra dim in the middle. */
        SELECTED,
        /** A stepped slice of a transposed tensor. */
        STEPPED_TRANSPOSED
    }

    /** Shapes of rank 0..4 with sizes 0..5; size 0 is rarer so most cases have elements. */
    static Arbitrary<int[]> shapes() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(14, Arbitraries.integers().between(2, 5)));
        return size.array(int[].class).ofMinSize(0).ofMaxSize(4);
    }

    /** A tensor of {@code shape} in {@code layout}, with values uniform in [low, high). */
    static Tensor make(int[] shape, Layout layout, DType dtype, SplittableRandom random, double low, double high) {
        int rank = shape.length;
        Tensor t;
        switch (layout) {
            case CONTIGUOUS -> t = filled(shape, dtype, random, low, high);
            case TRANSPOSED -> t = filled(reversed(shape), dtype, random, low, high).permute(reversedOrder(rank));
            case STEPPED -> t = stepped(filled(doubledPlusOne(shape), dtype, random, low, high));
            case EXPANDED -> {
                int[] stored = shape.clone();
                for (int d = 0; d < rank; d += 2) {
                    if (stored[d] > 1) {
                        stored[d] = 1;
                    }
                }
                t = filled(stored, dtype, random, low, high).expand(shape);
            }
            case SELECTED -> {
                int middle = rank / 2;
                int[] base = new int[rank + 1];
                for (int d = 0, j = 0; d <= rank; d++) {
                    base[d] = d == middle ? 3 : shape[j++];
                }
                t = filled(base, dtype, random, low, high).select(middle, 1);
            }
            case STEPPED_TRANSPOSED -> t = stepped(
                    filled(doubledPlusOne(reversed(shape)), dtype, random, low, high)).permute(reversedOrder(rank));
            default -> throw new AssertionError(layout);
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new AssertionError("layout " + layout + " built the wrong shape");
        }
        return t;
    }

    /** A contiguous tensor with random values in [low, high). */
    static Tensor filled(int[] shape, DType dtype, SplittableRandom random, double low, double high) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.storage.size(); i++) {
            t.storage.set(i, random.nextDouble(low, high));
        }
        return t;
    }

    /**
     * A broadcast partner for {@code shape}: a few leading dims dropped and some dims set to 1, so
     * the pair broadcasts back to {@code shape}.
     */
    static int[] broadcastPartner(int[] shape, SplittableRandom random) {
        int drop = random.nextInt(shape.length + 1);
        int[] partner = java.util.Arrays.copyOfRange(shape, drop, shape.length);
        for (int d = 0; d < partner.length; d++) {
            if (random.nextInt(3) == 0) {
                partner[d] = 1;
            }
        }
        return partner;
    }

    private static Tensor stepped(Tensor base) {
        Tensor t = base;
        for (int d = 0; d < base.rank(); d++) {
            t = t.slice(d, 1, base.size(d), 2);
        }
        return t;
    }

    private static int[] doubledPlusOne(int[] shape) {
        int[] out = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            out[d] = 2 * shape[d] + 1;
        }
        return out;
    }

    private static int[] reversed(int[] shape) {
        int[] out = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            out[d] = shape[shape.length - 1 - d];
        }
        return out;
    }

    private static int[] reversedOrder(int rank) {
        int[] order = new int[rank];
        for (int d = 0; d < rank; d++) {
            order[d] = rank - 1 - d;
        }
        return order;
    }
}
