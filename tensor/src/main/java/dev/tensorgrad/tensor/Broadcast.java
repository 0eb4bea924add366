package dev.tensorgrad.tensor;

/**
 * NumPy broadcasting. Shapes are aligned at their last dim; a dim of size 1 (or a missing leading
 * dim) stretches to match the other operand by giving it stride 0, so nothing is copied.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /** The broadcast shape of two shapes, or an IllegalArgumentException naming the op and both shapes. */
    public static int[] shapes(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int sa = dimFromEnd(a, rank - 1 - i);
            int sb = dimFromEnd(b, rank - 1 - i);
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Shape.format(a) + " and " + Shape.format(b)
                        + " cannot be broadcast together");
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    private static int dimFromEnd(int[] shape, int fromEnd) {
        int index = shape.length - 1 - fromEnd;
        return index >= 0 ? shape[index] : 1;
    }

    /** Whether {@code shape} can be stretched to {@code target} (target-side broadcasting only). */
    public static boolean canExpand(int[] shape, int[] target) {
        if (shape.length > target.length) {
            return false;
        }
        int lead = target.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1 && shape[d] != target[lead + d]) {
                return false;
            }
        }
        return true;
    }

    /** Strides that read a tensor of the given shape/strides as if it had the target shape. */
    static int[] expandedStrides(String op, int[] shape, int[] strides, int[] target) {
        if (!canExpand(shape, target)) {
            throw new IllegalArgumentException(op + ": cannot expand shape " + Shape.format(shape)
                    + " to " + Shape.format(target));
        }
        int lead = target.length - shape.length;
        int[] out = new int[target.length];
        for (int d = 0; d < shape.length; d++) {
            out[lead + d] = shape[d] == 1 && target[lead + d] != 1 ? 0 : strides[d];
        }
        return out;
    }
}
