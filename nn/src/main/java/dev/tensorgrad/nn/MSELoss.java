package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/** Squared error (input - target)^2, reduced as chosen; d/dinput = 2 (input - target) / N for the mean. */
public final class MSELoss {
    private final Reduction reduction;

    /** Mean squared error. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /**
     * Squared error with the given reduction.
     *
     * @throws IllegalArgumentException if reduction is null
     */
    public MSELoss(Reduction reduction) {
        this.reduction = Reduction.require(reduction, "MSELoss");
    }

    /**
     * The loss of input against target, which must have the same shape.
     *
     * @throws IllegalArgumentException if the shapes differ (PyTorch would broadcast with a warning)
     *                                  or the dtypes differ, or the reduction is MEAN and the input is empty
     */
    public Variable forward(Variable input, Variable target) {
        LossInputs.requireSameShapeAndDtype("MSELoss", input, target);
        Tensor diff = input.data().sub(target.data());
        // d/dinput (input - target)^2 = 2 (input - target), d/dtarget = -2 (input - target). One node
        // instead of three (sub, mul, and the sum of mul's two equal gradients) keeps one tensor for backward.
        Variable squared = Graph.record("mseLoss", diff.mul(diff), List.of(input, target), new Tensor[] {diff}, g -> {
            Tensor gradInput = g.mul(diff).mulInPlace(2);
            return new Tensor[] {gradInput, target.requiresGrad() ? gradInput.neg() : null};
        });
        return reduction.apply(squared, "MSELoss");
    }
}
