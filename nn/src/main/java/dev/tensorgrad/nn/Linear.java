package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;

/**
 * y = x W^T + b, with {@code weight} [out, in] and {@code bias} [out] as in PyTorch. Works on
 * inputs of any leading shape [..., in], giving [..., out]. Both are initialised uniform in
 * ±1/sqrt(in), weight first.
 */
public final class Linear extends Layer {
    private final int inFeatures;
    private final int outFeatures;
    private final Variable weight;
    private final Variable bias;

    /** A FLOAT32 layer with bias. */
    public Linear(int inFeatures, int outFeatures, Rng rng) {
        this(inFeatures, outFeatures, true, DType.FLOAT32, rng);
    }

    /**
     * A layer of the given dtype, with or without bias.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Rng rng) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got in=" + inFeatures + " out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Init.pytorchDefault(rng, inFeatures, dtype, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Init.pytorchDefault(rng, inFeatures, dtype, outFeatures)) : null;
    }

    /** The weight [out, in]. */
    public Variable weight() {
        return weight;
    }

    /** The bias [out], or null for a layer without bias. */
    public Variable bias() {
        return bias;
    }

    /** {@code "in=4, out=2, bias=true"}. */
    @Override
    protected String describe() {
        return "in=" + inFeatures + ", out=" + outFeatures + ", bias=" + (bias != null);
    }

    /**
     * Applies the layer to x of shape [..., in], giving [..., out].
     *
     * @throws IllegalArgumentException if the last dim of x is not {@code in}, or x has another dtype
     *                                  than the weight
     */
    @Override
    public Variable forward(Variable x) {
        int[] shape = x.shape();
        if (shape.length == 0 || shape[shape.length - 1] != inFeatures) {
            throw new IllegalArgumentException("Linear: expected input [..., " + inFeatures + "], got "
                    + Shape.format(shape));
        }
        // Checked before the matmul, whose message could name neither the layer nor which operand is off.
        if (x.dtype() != weight.dtype()) {
            throw new IllegalArgumentException("Linear: input is " + x.dtype() + " " + Shape.format(shape)
                    + " but the weight is " + weight.dtype());
        }
        if (shape.length == 2) {
            return project(x);
        }
        // Folding the leading dims into one lets a single matrix product serve every shape. They are
        // folded in the order they lie in memory, so a strided view (an RNN's time-major states seen
        // batch first) becomes a matrix without a copy; only a layout no order fixes is copied.
        boolean inOrder = x.data().isContiguous();
        int[] order = inOrder ? identity(shape.length) : memoryOrder(x.data());
        Variable ordered = inOrder ? x : x.permute(order);
        int[] outShape = new int[shape.length];
        for (int d = 0; d < shape.length - 1; d++) {
            outShape[d] = shape[order[d]];
        }
        outShape[shape.length - 1] = outFeatures;
        Variable y = project(ordered.reshape(-1, inFeatures)).reshape(outShape);
        if (inOrder) {
            return y;
        }
        int[] inverse = new int[order.length];
        for (int d = 0; d < order.length; d++) {
            inverse[order[d]] = d;
        }
        return y.permute(inverse);
    }

    private static int[] identity(int rank) {
        int[] order = new int[rank];
        for (int d = 0; d < rank; d++) {
            order[d] = d;
        }
        return order;
    }

    /** rows [n, in] to [n, out]. */
    private Variable project(Variable rows) {
        Variable y = rows.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    /**
     * The leading dims of x by decreasing stride (a stable sort; size-1 dims, whose stride means
     * nothing, go first), then the last dim: the order in which the rows of x lie in memory.
     */
    static int[] memoryOrder(Tensor x) {
        int lead = x.rank() - 1;
        int[] strides = x.strides();
        long[] key = new long[lead];
        int[] order = new int[lead + 1];
        for (int d = 0; d < lead; d++) {
            key[d] = x.size(d) == 1 ? Long.MAX_VALUE : strides[d];
            order[d] = d;
        }
        // Insertion sort: a handful of dims, and stable, so a contiguous x keeps its order.
        for (int i = 1; i < lead; i++) {
            int dim = order[i];
            int j = i - 1;
            for (; j >= 0 && key[order[j]] < key[dim]; j--) {
                order[j + 1] = order[j];
            }
            order[j + 1] = dim;
        }
        order[lead] = lead;
        return order;
    }
}
