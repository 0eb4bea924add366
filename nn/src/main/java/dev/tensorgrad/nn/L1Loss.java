package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/**
 * Absolute error |input - target|, reduced as chosen, as PyTorch's {@code L1Loss}. Its derivative
 * is sign(input - target), 0 where input equals target (PyTorch's choice at the kink), divided by
 * N for the mean.
 */
public final class L1Loss {
    private final Reduction reduction;

    /** Mean absolute error. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /**
     * Absolute error with the given reduction.
     *
     * @throws IllegalArgumentException if reduction is null
     */
    public L1Loss(Reduction reduction) {
        this.reduction = Reduction.require(reduction, "L1Loss");
    }

    /**
     * The loss of input against target, which must have the same shape: a scalar, or the shape
     * itself for {@link Reduction#NONE}. Both may take gradients.
     *
     * @throws IllegalArgumentException if the shapes differ (PyTorch would broadcast with a warning)
     *                                  or the dtypes differ, or the reduction is MEAN and the input is empty
     */
    public Variable forward(Variable input, Variable target) {
        LossInputs.requireSameShapeAndDtype("L1Loss", input, target);
        // abs's backward multiplies by sign(x), and sign(0) = 0: PyTorch's zero gradient where input == target.
        return reduction.apply(input.sub(target).abs(), "L1Loss");
    }
}
