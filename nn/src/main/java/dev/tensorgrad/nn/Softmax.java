package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/**
 * softmax(x)_i = e^{x_i} / sum_j e^{x_j} along one dim, as PyTorch's {@code nn.Softmax(dim)}: the
 * output has the input's shape and sums to 1 along that dim. A module so that it can sit in a
 * {@link Sequential}.
 */
public final class Softmax extends Layer {
    private final int dim;

    /** Softmax along dim; a negative dim counts from the end (-1 is the last), as in PyTorch. */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** {@code "dim=1"}. */
    @Override
    protected String describe() {
        return "dim=" + dim;
    }

    /**
     * The softmax of x along the dim, of x's shape (any rank of at least 1).
     *
     * @throws IllegalArgumentException if the dim is outside [-rank, rank) for x's shape (a 0-D x
     *     has no dim, and is refused where PyTorch would return 1)
     */
    @Override
    public Variable forward(Variable x) {
        return x.softmax(checkedDim("Softmax", "dim", dim, x.rank(), x.shape()));
    }
}
