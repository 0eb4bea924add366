package dev.tensorgrad.tensor;

import java.util.Arrays;

/** Small helpers on shapes and strides: element counts, row-major strides, dim wrapping, printing. */
public final class Shape {
    private Shape() {
    }

    /** Number of elements of a tensor with this shape (1 for a scalar, 0 if any dim is 0). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int size : shape) {
            n *= size;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** Row-major (C order) strides: the last dim moves fastest. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /** Turns a possibly negative dim (-1 = last) into an index in [0, rank), or throws naming the op. */
    public static int wrapDim(String op, int dim, int rank) {
        int wrapped = dim < 0 ? dim + rank : dim;
        if (wrapped < 0 || wrapped >= rank) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank);
        }
        return wrapped;
    }

    /**
     * Where a new dim goes in a result with one dim more than {@code rank}: -(rank + 1) <= dim <=
     * rank, a negative one counting from the end. {@code owner} names the input in the error
     * ("a tensor", "tensors").
     */
    static int wrapNewDim(String op, int dim, int rank, String owner) {
        if (dim < -(rank + 1) || dim > rank) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range [" + -(rank + 1) + ", " + rank
                    + "] for " + owner + " of rank " + rank);
        }
        return dim < 0 ? dim + rank + 1 : dim;
    }

    /** Checks sizes are non-negative; returns a defensive copy. */
    static int[] checked(String op, int[] shape) {
        for (int size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + format(shape));
            }
        }
        return shape.clone();
    }

    /** Formats a shape as {@code [2, 3]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
