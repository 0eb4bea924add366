package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.MSELoss;
import dev.tensorgrad.tensor.Shape;

import java.util.Arrays;

/**
 * The two ways the homework (1c) scores a sequence model's predictions y_hat [B, T, O] against
 * labels y [B, T, O]: aligned many-to-many (Task 1, every step counts) or many-to-one (Task 2,
 * only the last step counts). Both are mean squared errors.
 */
public enum SequenceTask {
    /** Task 1: the MSE over every step. */
    ALL_STEPS,
    /** Task 2: the MSE at the last step only (the notebook's {@code last_target_only}). */
    LAST_STEP;

    private static final MSELoss MSE = new MSELoss();

    /**
     * The task's loss, a scalar.
     *
     * @throws IllegalArgumentException if the shapes differ or are not [B, T, O]
     */
    public Variable loss(Variable yHat, Variable y) {
        if (yHat.rank() != 3 || !Arrays.equals(yHat.shape(), y.shape())) {
            throw new IllegalArgumentException("SequenceTask: predictions " + Shape.format(yHat.shape())
                    + " and labels " + Shape.format(y.shape()) + " must both be [B, T, O]");
        }
        if (this == ALL_STEPS) {
            return MSE.forward(yHat, y);
        }
        int last = yHat.size(1) - 1;
        return MSE.forward(yHat.select(1, last), y.select(1, last));
    }
}
