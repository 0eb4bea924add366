package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.Progress;
import dev.tensorgrad.nn.MSELoss;
import dev.tensorgrad.nn.optim.Adam;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.util.Arrays;

/**
 * Trains an {@link Autoencoder} to reconstruct clean inputs from (possibly corrupted) inputs with
 * the mean squared error, by minibatch Adam, and measures it afterwards.
 *
 * @param epochs    passes over the training set
 * @param batchSize examples per step (the last batch of an epoch may be smaller)
 * @param lr        Adam's learning rate
 */
public record ReconstructionTraining(int epochs, int batchSize, double lr) {

    /** Rows per forward pass when only evaluating: large enough for fast matrix products. */
    private static final int EVAL_BATCH = 1000;

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if epochs or batchSize is not positive or lr is not
     */
    public ReconstructionTraining {
        if (epochs <= 0 || batchSize <= 0 || !(lr > 0)) {
            throw new IllegalArgumentException("ReconstructionTraining: epochs, batch size and lr must be "
                    + "positive, got " + epochs + ", " + batchSize + ", " + lr);
        }
    }

    /**
     * Trains {@code model} on x [n, m]: each step corrupts a shuffled batch, encodes and decodes it, and
     * takes the squared error against the clean batch.
     *
     * @param rng      shuffles the examples and draws the corruption
     * @param progress told after every epoch
     * @return the mean training loss of each epoch
     */
    public double[] fit(Autoencoder model, Tensor x, Corruption corruption, Rng rng, Progress progress) {
        int n = x.size(0);
        Adam optimizer = new Adam(model.parameters(), lr);
        MSELoss mse = new MSELoss();
        double[] epochLoss = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = rng.permutation(n);
            double sum = 0;
            for (int start = 0; start < n; start += batchSize) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                Tensor clean = x.indexSelect(0, rows);
                Variable input = Variable.constant(corruption.apply(clean, rng));
                Variable loss = mse.forward(model.reconstruct(input), Variable.constant(clean));
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                sum += loss.item() * rows.length;
            }
            epochLoss[epoch] = sum / n;
            progress.update(epoch + 1, epochLoss[epoch]);
        }
        return epochLoss;
    }

    /** The mean squared error, per value, of reconstructing {@code target} [n, m] from {@code input} [n, m]. */
    public static double meanSquaredError(Autoencoder model, Tensor input, Tensor target) {
        double sum = 0;
        try (var scope = Graph.noGrad()) {
            int n = input.size(0);
            for (int start = 0; start < n; start += EVAL_BATCH) {
                int length = Math.min(EVAL_BATCH, n - start);
                Tensor xHat = model.reconstruct(Variable.constant(input.narrow(0, start, length))).data();
                // A plain double loop, not Tensor.sum: the same bits on every run (the SIMD sum's lane
                // reduction may change order once the JIT compiles it) and no float accumulation error.
                float[] diff = xHat.sub(target.narrow(0, start, length)).toFloatArray();
                for (float d : diff) {
                    sum += (double) d * d;
                }
            }
        }
        return sum / input.numel();
    }

    /** The reconstructions of {@code input} [n, m], without recording a graph. */
    public static Tensor reconstruct(Autoencoder model, Tensor input) {
        try (var scope = Graph.noGrad()) {
            return model.reconstruct(Variable.constant(input)).data();
        }
    }

    /** The latent codes z = f(x) of x [n, m], [n, k], without recording a graph. */
    public static Tensor encode(Autoencoder model, Tensor x) {
        try (var scope = Graph.noGrad()) {
            int n = x.size(0);
            Tensor[] parts = new Tensor[(n + EVAL_BATCH - 1) / EVAL_BATCH];
            for (int b = 0; b < parts.length; b++) {
                int start = b * EVAL_BATCH;
                parts[b] = model.encode(Variable.constant(x.narrow(0, start, Math.min(EVAL_BATCH, n - start)))).data();
            }
            return Tensor.cat(0, parts);
        }
    }
}
