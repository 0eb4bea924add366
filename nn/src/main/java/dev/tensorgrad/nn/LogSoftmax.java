package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/**
 * log softmax(x)_i = x_i - log sum_j e^{x_j} along one dim, as PyTorch's
 * {@code nn.LogSoftmax(dim)}: the output has the input's shape. Computed with the maximum
 * subtracted first, so large inputs cannot overflow; the log-probabilities {@link NLLLoss} takes.
 */
public final class LogSoftmax extends Layer {
    private final int dim;

    /** Log-softmax along dim; a negative dim counts from the end (-1 is the last), as in PyTorch. */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /** {@code "dim=1"}. */
    @Override
    protected String describe() {
        return "dim=" + dim;
    }

    /**
     * The log-softmax of x along the dim, of x's shape (any rank of at least 1).
     *
     * @throws IllegalArgumentException if the dim is outside [-rank, rank) for x's shape (a 0-D x
     *     has no dim, and is refused where PyTorch would return 0)
     */
    @Override
    public Variable forward(Variable x) {
        return x.logSoftmax(checkedDim("LogSoftmax", "dim", dim, x.rank(), x.shape()));
    }
}
