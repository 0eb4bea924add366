package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import java.util.Arrays;

/** Squared error (input - target)^2, reduced as chosen; d/dinput = 2 (input - target) / N for the mean. */
public final class MSELoss {
    private final Reduction reduction;

    /** Mean squared error. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** Squared error with the given reduction. */
    public MSELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /**
     * The loss of input against target, which must have the same shape.
     *
     * @throws IllegalArgumentException if the shapes differ (PyTorch would broadcast with a warning)
     */
    public Variable forward(Variable input, Variable target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("MSELoss: input " + Shape.format(input.shape())
                    + " and target " + Shape.format(target.shape()) + " must have the same shape");
        }
        Variable diff = input.sub(target);
        return reduction.apply(diff.mul(diff));
    }
}
