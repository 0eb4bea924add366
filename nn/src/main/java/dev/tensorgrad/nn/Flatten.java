package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;

/**
 * Merges the dims startDim..endDim (inclusive) into one, as PyTorch's
 * {@code nn.Flatten(start_dim=1, end_dim=-1)}: by default [N, C, H, W] becomes [N, C*H*W], the
 * batch dim kept. The result is a view of the input when its strides allow it (a contiguous
 * input always does), a copy otherwise, as {@code reshape}.
 */
public final class Flatten extends Layer {
    private final int startDim;
    private final int endDim;

    /** Flattens every dim but the first: PyTorch's defaults startDim = 1, endDim = -1. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens the dims startDim..endDim, inclusive; negative dims count from the end (-1 is the last). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** {@code "startDim=1, endDim=-1"}. */
    @Override
    protected String describe() {
        return "startDim=" + startDim + ", endDim=" + endDim;
    }

    /**
     * x with dims startDim..endDim merged into one of their product's size: [d0, ..., dk] becomes
     * [d0, ..., d_{start-1}, d_start * ... * d_end, d_{end+1}, ..., dk]. A 0-D x counts as rank 1,
     * as in PyTorch, and becomes [1].
     *
     * @throws IllegalArgumentException if startDim or endDim is out of range for x's shape, or
     *     startDim comes after endDim once both are counted from the front
     */
    @Override
    public Variable forward(Variable x) {
        int[] shape = x.shape();
        // PyTorch lets a scalar's dims be 0 or -1, as if it were [1].
        int rank = Math.max(shape.length, 1);
        int start = checkedDim("Flatten", "startDim", startDim, rank, shape);
        int end = checkedDim("Flatten", "endDim", endDim, rank, shape);
        if (start > end) {
            throw new IllegalArgumentException("Flatten: startDim " + startDim + " comes after endDim " + endDim
                    + " for input " + Shape.format(shape));
        }
        if (shape.length == 0) {
            return x.reshape(1);
        }
        int[] flat = new int[shape.length - (end - start)];
        System.arraycopy(shape, 0, flat, 0, start);
        // The merged size is written out rather than -1, which an empty input would leave ambiguous.
        int merged = 1;
        for (int d = start; d <= end; d++) {
            merged *= shape[d];
        }
        flat[start] = merged;
        System.arraycopy(shape, end + 1, flat, start + 1, shape.length - end - 1);
        return x.reshape(flat);
    }
}
