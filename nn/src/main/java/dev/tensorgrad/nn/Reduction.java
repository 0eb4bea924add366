package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

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

    Variable apply(Variable perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
