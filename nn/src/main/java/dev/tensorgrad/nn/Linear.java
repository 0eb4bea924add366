package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Shape;

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

    /**
     * Applies the layer to x of shape [..., in], giving [..., out].
     *
     * @throws IllegalArgumentException if the last dim of x is not {@code in}
     */
    @Override
    public Variable forward(Variable x) {
        int[] shape = x.shape();
        if (shape.length == 0 || shape[shape.length - 1] != inFeatures) {
            throw new IllegalArgumentException("Linear: expected input [..., " + inFeatures + "], got "
                    + Shape.format(shape));
        }
        // Folding the leading dims into one lets a single matrix product serve every shape.
        Variable rows = shape.length == 2 ? x : x.reshape(-1, inFeatures);
        Variable y = rows.matmul(weight.t());
        if (bias != null) {
            y = y.add(bias);
        }
        if (shape.length == 2) {
            return y;
        }
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = outFeatures;
        return y.reshape(outShape);
    }
}
