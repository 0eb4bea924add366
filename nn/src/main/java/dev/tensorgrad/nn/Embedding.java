package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * A lookup table: row i of {@code weight} [num, dim] is the vector for token i. Initialised
 * standard normal, as in PyTorch. The backward of the lookup adds each row's gradient back into
 * the table, summing over repeats.
 */
public final class Embedding extends Module {
    private final int num;
    private final Variable weight;

    /**
     * A table of num vectors of size dim.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Embedding(int num, int dim, DType dtype, Rng rng) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got num=" + num + " dim=" + dim);
        }
        this.num = num;
        this.weight = registerParameter("weight", Tensor.randn(rng, dtype, num, dim));
    }

    /** The table [num, dim]. */
    public Variable weight() {
        return weight;
    }

    /** {@code "num=1000, dim=10"}. */
    @Override
    protected String describe() {
        return "num=" + num + ", dim=" + weight.size(1);
    }

    /**
     * The vectors of the given tokens, [n, dim].
     *
     * @throws IllegalArgumentException if an index is outside [0, num)
     */
    public Variable forward(int... indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= num) {
                throw new IllegalArgumentException("Embedding: index " + indices[i] + " at position " + i
                        + " is outside [0, " + num + ")");
            }
        }
        return weight.indexSelect(0, indices);
    }

    /**
     * The vectors of a batch of token sequences [B][T], giving [B, T, dim].
     *
     * @throws IllegalArgumentException if the rows differ in length or an index is out of range
     */
    public Variable forward(int[][] indices) {
        int batch = indices.length;
        int steps = batch == 0 ? 0 : indices[0].length;
        int[] flat = new int[batch * steps];
        for (int b = 0; b < batch; b++) {
            if (indices[b].length != steps) {
                throw new IllegalArgumentException("Embedding: row " + b + " has " + indices[b].length
                        + " indices, row 0 has " + steps);
            }
            System.arraycopy(indices[b], 0, flat, b * steps, steps);
        }
        return forward(flat).reshape(batch, steps, weight.size(1));
    }
}
