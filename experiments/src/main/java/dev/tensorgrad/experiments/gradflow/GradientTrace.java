package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.rnnbasics.RunningAverage;
import dev.tensorgrad.experiments.rnnbasics.SequenceTask;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.nn.StepGradients;
import dev.tensorgrad.tensor.Tensor;

/**
 * What one forward and backward pass of an RNN with a linear head shows, step by step: the
 * gradient norm ||dL/dh_t|| reaching each hidden state, the largest |h_t|, the fraction of
 * units with h_t > 0 (the units a ReLU lets a gradient through) and the mean of 1 - h_t^2 (the
 * slope tanh'(a_t) a tanh RNN multiplies the gradient by). Arrays are indexed by step t = 1..T at
 * index t-1.
 *
 * @param gradNorm       ||dL/dh_t||, the Frobenius norm over the batch
 * @param hiddenMax      max over the batch and units of |h_t|
 * @param activeFraction fraction of the batch's units with h_t > 0
 * @param tanhSlope      mean over the batch and units of 1 - h_t^2; tanh'(a_t) when h_t = tanh(a_t)
 */
public record GradientTrace(double[] gradNorm, double[] hiddenMax, double[] activeFraction, double[] tanhSlope) {

    /** Which loss the pass differentiates. */
    public enum Loss {
        /** The notebook's last_target_only = True: the MSE at step T only (Task 2). */
        LAST_TARGET_ONLY,
        /** last_target_only = False: the MSE over every step (Task 1), the mean of the per-step losses. */
        ALL_STEPS,
        /**
         * L_T alone: the last step's term of the {@link #ALL_STEPS} loss, (1/T) times the MSE at step T;
         * what of the all-steps gradient carries the last step's error back.
         */
        LAST_TERM_OF_ALL_STEPS;

        /** The scalar loss of predictions y_hat [B, T, 1] against labels y [B, T, 1]. */
        Variable of(Variable yHat, Variable y) {
            return switch (this) {
                case LAST_TARGET_ONLY -> SequenceTask.LAST_STEP.loss(yHat, y);
                case ALL_STEPS -> SequenceTask.ALL_STEPS.loss(yHat, y);
                case LAST_TERM_OF_ALL_STEPS -> SequenceTask.LAST_STEP.loss(yHat, y).div(yHat.size(1));
            };
        }
    }

    /**
     * Runs {@code data} through the fused RNN and the head applied at every step, differentiates
     * {@code loss}, and records the trace. The RNN must have one layer and input size 1.
     *
     * @throws IllegalArgumentException if the sizes of the RNN, the head and the data do not fit together
     */
    public static GradientTrace measure(RNN rnn, Linear head, RunningAverage data, Loss loss) {
        if (rnn.numLayers() != 1) {
            throw new IllegalArgumentException("GradientTrace.measure: needs a 1-layer RNN, got "
                    + rnn.numLayers() + " layers");
        }
        StepGradients grads = new StepGradients();
        RNN.Result result = rnn.forward(Variable.constant(data.x()), null, grads);
        loss.of(head.forward(result.output()), Variable.constant(data.y())).backward();

        int steps = data.steps();
        double[] norms = new double[steps];
        double[] hiddenMax = new double[steps];
        double[] active = new double[steps];
        double[] slope = new double[steps];
        Tensor states = result.output().data();
        for (int t = 0; t < steps; t++) {
            norms[t] = grads.norm(0, t);
            double[] h = states.select(1, t).toDoubleArray();
            double max = 0;
            int on = 0;
            double slopeSum = 0;
            for (double v : h) {
                max = Math.max(max, Math.abs(v));
                on += v > 0 ? 1 : 0;
                slopeSum += 1 - v * v;
            }
            hiddenMax[t] = max;
            active[t] = (double) on / h.length;
            slope[t] = slopeSum / h.length;
        }
        return new GradientTrace(norms, hiddenMax, active, slope);
    }

    /** ||dL/dh_1|| / ||dL/dh_T||: below 1 the gradient shrank on its way back, above 1 it grew. */
    public double ratio() {
        return gradNorm[0] / gradNorm[gradNorm.length - 1];
    }

    /** The largest |h_t| over every step. */
    public double maxHidden() {
        double m = 0;
        for (double v : hiddenMax) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The fraction of units with h_t > 0, averaged over the steps. */
    public double meanActiveFraction() {
        return mean(activeFraction);
    }

    /** 1 - h_t^2 averaged over the steps, the batch and the units: for tanh, its mean slope. */
    public double meanTanhSlope() {
        return mean(tanhSlope);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
