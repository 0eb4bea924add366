package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The average over all elements (the default). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: one loss value per element. */
    NONE;

    /** reduction itself; a null is refused here, where the loss is built, not at its first forward. */
    static Reduction require(Reduction reduction, String loss) {
        if (reduction == null) {
            throw new IllegalArgumentException(loss + ": reduction must be MEAN, SUM or NONE, got null");
        }
        return reduction;
    }

    /**
     * The per-element losses combined. A mean over no elements is refused, as CrossEntropyLoss
     * refuses a mean over no targets: it is 0 / 0, which PyTorch returns as a silent NaN.
     */
    Variable apply(Variable perElement, String loss) {
        if (this == MEAN && perElement.data().numel() == 0) {
            throw new IllegalArgumentException(loss + ": the mean over an empty input of shape "
                    + Shape.format(perElement.shape()) + " is undefined; use Reduction.SUM or NONE");
        }
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
