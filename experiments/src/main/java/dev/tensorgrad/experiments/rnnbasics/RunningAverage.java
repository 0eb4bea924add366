package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * The homework's synthetic sequence task (1c): inputs are sequences of random numbers, uniform in
 * [-1, 1), and the label at step t is the running average of every number seen so far,
 * y_t = (x_1 + ... + x_t) / t.
 *
 * @param x the inputs, [N, T, 1]
 * @param y the running averages, [N, T, 1]
 */
public record RunningAverage(Tensor x, Tensor y) {

    /**
     * Draws {@code n} sequences of {@code steps} numbers.
     *
     * @throws IllegalArgumentException if n or steps is not positive
     */
    public static RunningAverage generate(int n, int steps, DType dtype, Rng rng) {
        if (n <= 0 || steps <= 0) {
            throw new IllegalArgumentException("RunningAverage: sizes must be positive, got n=" + n + " steps=" + steps);
        }
        double[] x = new double[n * steps];
        double[] y = new double[n * steps];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int t = 0; t < steps; t++) {
                x[i * steps + t] = rng.uniform(-1, 1);
                sum += x[i * steps + t];
                y[i * steps + t] = sum / (t + 1);
            }
        }
        return new RunningAverage(Tensor.of(x, n, steps, 1).to(dtype), Tensor.of(y, n, steps, 1).to(dtype));
    }

    /** Number of sequences N. */
    public int size() {
        return x.size(0);
    }

    /** Sequence length T. */
    public int steps() {
        return x.size(1);
    }

    /** The sequences at the given indices, as a new dataset. */
    public RunningAverage rows(int[] indices) {
        return new RunningAverage(x.indexSelect(0, indices), y.indexSelect(0, indices));
    }

    /**
     * The mean squared error of always predicting 0, the loss an untrained model starts near:
     * over all steps if {@code lastOnly} is false, else at the last step only.
     */
    public double zeroPredictorLoss(boolean lastOnly) {
        Tensor target = lastOnly ? y.select(1, steps() - 1) : y;
        return target.mul(target).mean().item();
    }
}
