package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import java.util.OptionalInt;

/**
 * A lookup table: row i of {@code weight} [num, dim] is the vector for token i. Initialised
 * standard normal, as in PyTorch. The backward of the lookup adds each row's gradient back into
 * the table, summing over repeats.
 *
 * <p>An optional padding index (PyTorch's {@code padding_idx}) names the row of the token that
 * fills short sequences: it starts at zeros and the lookup sends it no gradient, so training
 * leaves it where it is.
 */
public final class Embedding extends Module {
    private static final int NO_PADDING = -1;

    private final int num;
    private final int paddingIdx; // in [0, num), or NO_PADDING
    private final Variable weight;

    /**
     * A table of num vectors of size dim, without a padding row.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Embedding(int num, int dim, DType dtype, Rng rng) {
        this(num, dim, NO_PADDING, false, dtype, rng);
    }

    /**
     * A table of num vectors of size dim whose row paddingIdx is zeros and receives no gradient. A
     * negative paddingIdx counts from the end, as in PyTorch: -1 is row num - 1.
     *
     * @throws IllegalArgumentException if a size is not positive or paddingIdx is outside [-num, num)
     */
    public Embedding(int num, int dim, int paddingIdx, DType dtype, Rng rng) {
        this(num, dim, paddingIdx, true, dtype, rng);
    }

    private Embedding(int num, int dim, int paddingIdx, boolean padded, DType dtype, Rng rng) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got num=" + num + " dim=" + dim);
        }
        if (padded && (paddingIdx < -num || paddingIdx >= num)) {
            throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " is outside [" + -num + ", "
                    + num + ") for num=" + num);
        }
        this.num = num;
        this.paddingIdx = !padded ? NO_PADDING : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
        Tensor table = Tensor.randn(rng, dtype, num, dim);
        if (padded) {
            table.select(0, this.paddingIdx).fill(0);
        }
        this.weight = registerParameter("weight", table);
    }

    /** The table [num, dim]. */
    public Variable weight() {
        return weight;
    }

    /**
     * The row that receives no gradient, in [0, num) (a negative index given is already counted
     * from the end), or empty when the table has no padding row.
     */
    public OptionalInt paddingIdx() {
        return paddingIdx == NO_PADDING ? OptionalInt.empty() : OptionalInt.of(paddingIdx);
    }

    /** {@code "num=1000, dim=10"}, with {@code ", paddingIdx=0"} when there is a padding row. */
    @Override
    protected String describe() {
        return "num=" + num + ", dim=" + weight.size(1) + (paddingIdx == NO_PADDING ? "" : ", paddingIdx=" + paddingIdx);
    }

    /**
     * The vectors of the given tokens, [n, dim]. The padding token, if any, gives its row like any
     * other; only the gradient to that row is withheld.
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
        if (paddingIdx == NO_PADDING) {
            return weight.indexSelect(0, indices);
        }
        int[] picked = indices.clone();
        Tensor table = weight.data();
        // indexSelect's backward (IndexOps: add each output row's gradient into its table row), except
        // that the padding row's gradient is set back to zero: it is a fixed filler, not learned.
        return Graph.record("embedding", table.indexSelect(0, picked), List.of(weight), g -> {
            Tensor gradTable = Tensor.zerosLike(table).indexAdd(0, picked, g.contiguous());
            gradTable.select(0, paddingIdx).fill(0);
            return new Tensor[] {gradTable};
        });
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
