package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part (i) of homework 3a: linear autoencoders with latent sizes 5 to 150 on {@link PlantedClasses};
 * for each size, the test reconstruction error and the accuracy of a linear probe on the latent
 * code of the untrained (random) and of the trained encoder.
 */
final class LatentSizeSweep {

    /** The latent sizes of the homework's Figure 4. */
    static final int[] SIZES = {5, 10, 20, 50, 100, 150};
    /** Gap between trained and untrained probe at k = 20 that counts as "training is essential". */
    static final double ESSENTIAL_GAIN = 0.10;
    /** Gap below the k = 20 probe that counts as "clearly lower" at k = 5. */
    static final double CLEARLY_LOWER = 0.10;
    /** The probe accuracy read as "~100%". */
    static final double NEAR_PERFECT = 0.95;
    /** Largest share of the total reduction in error that may happen between k = 100 and 150 to call it marginal. */
    static final double MARGINAL_SHARE = 0.05;

    private LatentSizeSweep() {
    }

    /** Runs the sweep and records its metrics, figures, claims and findings in {@code ctx}. */
    static void run(RunContext ctx, Rng rng) throws IOException {
        int nTrain = ctx.quick() ? 400 : 4000;
        int nTest = ctx.quick() ? 200 : 1000;
        ReconstructionTraining training = new ReconstructionTraining(ctx.quick() ? 3 : 60, 100, 3e-3);
        LinearProbe probe = new LinearProbe(ctx.quick() ? 3 : 30, 100, 1e-2, true);

        double[] direction = PlantedClasses.direction(rng);
        PlantedClasses train = PlantedClasses.sample(nTrain, direction, rng);
        PlantedClasses test = PlantedClasses.sample(nTest, direction, rng);

        Report report = ctx.report();
        report.setup(String.format(Locale.ROOT, """
                **(i) Synthetic data.** %d training and %d test points in %d dimensions, seed %d. Dimensions 0-%d \
                are N(0, 1) and decide the label: y = 1 if w . x[0..%d] > 0, with w a random unit vector drawn once \
                (balanced classes, separable by a hyperplane). The other %d dimensions are N(0, %s^2) noise. So the \
                information a classifier needs lives in a %d-dimensional, high-variance subspace.

                **(i) Models.** Linear autoencoder z = W1 x + b1, x_hat = W2 z + b2 (no nonlinearity, PyTorch's \
                default initialisation), latent size k in %s, FLOAT32, trained with Adam (lr %s) on the mean \
                squared error for %d epochs in batches of %d. Reconstruction error = mean squared error per value on \
                the test points. Linear probe = logistic regression (Linear k -> 2, cross-entropy) on the \
                frozen codes z of the training points, PCA-whitened with the training covariance (eigenvalues \
                floored at %s of the largest; an invertible linear map, so the probe can express nothing more, \
                but a random square encoder's ill-conditioning no longer slows Adam down), Adam (lr %s), %d \
                epochs, batches of %d; its accuracy is measured on the test points. "Untrained" means the same \
                encoder before any training.""",
                nTrain, nTest, PlantedClasses.DIMS, ctx.seed(), PlantedClasses.INFORMATIVE - 1,
                PlantedClasses.INFORMATIVE - 1, PlantedClasses.DIMS - PlantedClasses.INFORMATIVE,
                PlantedClasses.NOISE_STD, PlantedClasses.INFORMATIVE, Arrays.toString(SIZES),
                training.lr(), training.epochs(), training.batchSize(), Whitening.RELATIVE_FLOOR, probe.lr(),
                probe.epochs(), probe.batchSize()));

        Metrics metrics = ctx.metrics();
        double raw = probe.accuracy(train.x(), train.labels(), test.x(), test.labels(), 2, rng.fork());
        metrics.put("synthetic_probe_raw", raw);
        int count = SIZES.length;
        double[] ks = new double[count];
        double[] recon = new double[count];
        double[] untrained = new double[count];
        double[] trained = new double[count];
        for (int i = 0; i < count; i++) {
            int k = SIZES[i];
            ks[i] = k;
            Autoencoder model = Autoencoder.linear(PlantedClasses.DIMS, k, rng.fork());
            untrained[i] = probeAccuracy(probe, model, train, test, rng.fork());
            training.fit(model, train.x(), Corruption.none(), rng.fork(), ctx.progress("k=" + k + " epoch",
                    training.epochs()));
            recon[i] = ReconstructionTraining.meanSquaredError(model, test.x(), test.x());
            trained[i] = probeAccuracy(probe, model, train, test, rng.fork());
            metrics.put("synthetic_recon_" + k, recon[i]);
            metrics.put("synthetic_probe_untrained_" + k, untrained[i]);
            metrics.put("synthetic_probe_trained_" + k, trained[i]);
        }

        Map<String, double[][]> reconSeries = new LinkedHashMap<>();
        reconSeries.put("trained autoencoder (test)", new double[][] {ks, recon});
        Plots.line(ctx.file("synthetic_recon.png"), "Reconstruction error vs latent size", "latent size k",
                "test MSE per value", false, reconSeries);
        Map<String, double[][]> probeSeries = new LinkedHashMap<>();
        probeSeries.put("trained encoder", new double[][] {ks, trained});
        probeSeries.put("untrained encoder", new double[][] {ks, untrained});
        Plots.line(ctx.file("synthetic_probe.png"), "Linear-probe accuracy vs latent size", "latent size k",
                "test accuracy", false, probeSeries);

        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of(Integer.toString(SIZES[i]), Claim.format(recon[i]), Claim.format(untrained[i]),
                    Claim.format(trained[i])));
        }
        report.text("**(i) Latent size sweep.** One autoencoder per k, trained from its own random initialisation. "
                + "Baseline: the same probe on the raw 100 dimensions reaches " + Claim.format(raw) + ".");
        report.table(List.of("k", "test reconstruction MSE", "probe accuracy, untrained", "probe accuracy, trained"),
                rows);
        report.figure("Reconstruction error against latent size", ctx.file("synthetic_recon.png"));
        report.figure("Linear-probe accuracy against latent size, untrained vs trained encoder",
                ctx.file("synthetic_probe.png"));

        claims(ctx, recon, untrained, trained);
        verdict(ctx.report(), metrics, recon, untrained, trained, raw, nTest);
    }

    /**
     * Explains the numbers: where the error plateaus and why each probe does what it does. Reads the
     * rise and the plateau from the metrics {@link #claims} wrote, so both say the same.
     */
    private static void verdict(Report report, Metrics metrics, double[] recon, double[] untrained, double[] trained,
                                double raw, int nTest) {
        int i5 = indexOf(5);
        int i20 = indexOf(20);
        int i100 = indexOf(100);
        int last = SIZES.length - 1;
        double noiseShare = (PlantedClasses.DIMS - PlantedClasses.INFORMATIVE) * PlantedClasses.NOISE_STD
                * PlantedClasses.NOISE_STD / PlantedClasses.DIMS;
        double drift = trained[last] - trained[i20];
        // The standard error of a difference of two binomial accuracies, sqrt(p1 (1 - p1) / n + p2 (1 - p2) / n).
        double standardError = Math.sqrt(trained[i20] * (1 - trained[i20]) / nTest
                + trained[last] * (1 - trained[last]) / nTest);
        boolean rises = metrics.number("synthetic_probe_trained_min_rise_to_20") > 0;
        boolean plateau = metrics.number("synthetic_probe_trained_min_from_20") >= NEAR_PERFECT;
        String shape = rises && plateau
                ? "then stays on a plateau, as the solution's \"finally converges to >= 95%\" says: once the code "
                  + "holds the 20 informative dimensions there is nothing left for the probe to gain"
                : "does not show the solution's rise up to k = 20 followed by a plateau >= "
                  + Claim.format(NEAR_PERFECT);
        report.verdict(String.format(Locale.ROOT, """
                **(i)** Reconstruction error falls from %s at k = 5 to %s at k = 20 and %s at k = 50, and is %s at \
                k = 100 and %s at k = 150: with k >= 100 a linear autoencoder can represent the identity, so \
                there is nothing left to gain beyond the data's dimension. The value at k = 20 is close to %s, the \
                variance per value of the 80 noise dimensions: the trained code keeps exactly the 20 high-variance \
                dimensions, as PCA would.

                The trained probe reaches %s at k = 20, against %s for the same encoder untrained: a random \
                20-dimensional projection mixes the noise dimensions into every coordinate and loses part of the \
                label direction, while training turns the code onto the informative subspace. From k = 100 on a \
                random encoder is (almost surely) invertible, so the probe can undo it: %s at k = 100 and %s at \
                k = 150 untrained, against %s for the same probe on the raw 100 dimensions. At k = 5 the trained \
                probe gets %s: the code keeps a 5-dimensional part of the 20 informative dimensions, and since \
                those have equal variance the reconstruction objective has no reason to keep the label \
                direction; the untrained encoder at k = 5 (%s) is just another 5-dimensional view of the data.

                The trained probe's accuracy is %s, %s, %s at k = 5, 10, 20 and %s; from k = 20 to k = 150 it \
                changes by %s, %s.""",
                Claim.format(recon[i5]), Claim.format(recon[i20]), Claim.format(recon[indexOf(50)]),
                Claim.format(recon[i100]), Claim.format(recon[last]), Claim.format(noiseShare),
                Claim.format(trained[i20]), Claim.format(untrained[i20]), Claim.format(untrained[i100]),
                Claim.format(untrained[last]), Claim.format(raw), Claim.format(trained[i5]),
                Claim.format(untrained[i5]), Claim.format(trained[i5]), Claim.format(trained[indexOf(10)]),
                Claim.format(trained[i20]), shape, Claim.format(drift), driftInErrors(drift, standardError, nTest)));
    }

    /** The drift measured in standard errors, or in words when both accuracies are 0 or 1 and the error is 0. */
    static String driftInErrors(double drift, double standardError, int nTest) {
        if (standardError == 0) {
            return "with a standard error of 0 (both accuracies are 0 or 1 on " + nTest + " test points), which says "
                    + "nothing about how far the drift stands out from noise";
        }
        return String.format(Locale.ROOT, "%.1f standard errors of a difference of two accuracies on %d test points "
                + "(%s, sqrt(p_20 (1 - p_20) / n + p_150 (1 - p_150) / n) as for independent samples; both are measured "
                + "on the same test points, which makes the difference's error smaller if the two probes miss the same "
                + "points)", Math.abs(drift) / standardError, nTest, Claim.format(standardError));
    }

    /** Encodes both sets with the model's current encoder and scores a linear probe on the codes. */
    private static double probeAccuracy(LinearProbe probe, Autoencoder model, PlantedClasses train,
                                         PlantedClasses test, Rng rng) {
        Tensor zTrain = ReconstructionTraining.encode(model, train.x());
        Tensor zTest = ReconstructionTraining.encode(model, test.x());
        return probe.accuracy(zTrain, train.labels(), zTest, test.labels(), 2, rng);
    }

    private static void claims(RunContext ctx, double[] recon, double[] untrained, double[] trained) {
        Metrics metrics = ctx.metrics();
        Report report = ctx.report();
        int i100 = indexOf(100);
        // Falls with k: the largest ratio of consecutive errors up to k = 100 is below 1.
        double worstRatio = 0;
        for (int i = 1; i <= i100; i++) {
            worstRatio = Math.max(worstRatio, recon[i] / recon[i - 1]);
        }
        metrics.put("synthetic_recon_max_step_ratio", worstRatio);
        report.claim(Claim.below("Reconstruction error falls with k up to k = 100 (largest ratio of consecutive "
                + "errors below 1)", metrics, "synthetic_recon_max_step_ratio", 1.0));

        double share = (recon[i100] - recon[SIZES.length - 1]) / (recon[0] - recon[SIZES.length - 1]);
        metrics.put("synthetic_recon_share_beyond_100", share);
        report.claim(Claim.below("Reduction in error beyond k = 100 is marginal (below "
                + Claim.format(MARGINAL_SHARE) + " of the total reduction from k = 5 to 150)", metrics,
                "synthetic_recon_share_beyond_100", MARGINAL_SHARE));

        // The solution: the probe accuracy increases with k and "finally converges to >= 95%" with training.
        // Measured as a rise up to k = 20, the number of informative dimensions, then a plateau at >= 0.95.
        int i20 = indexOf(20);
        double smallestRise = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= i20; i++) {
            smallestRise = Math.min(smallestRise, trained[i] - trained[i - 1]);
        }
        metrics.put("synthetic_probe_trained_min_rise_to_20", smallestRise);
        report.claim(new Claim("Trained probe accuracy rises with k up to k = 20 (smallest step up from k = 5 to "
                + "10 to 20 is > 0)", "synthetic_probe_trained_min_rise_to_20", smallestRise, smallestRise > 0));
        double plateau = Double.POSITIVE_INFINITY;
        for (int i = i20; i < trained.length; i++) {
            plateau = Math.min(plateau, trained[i]);
        }
        metrics.put("synthetic_probe_trained_min_from_20", plateau);
        report.claim(Claim.atLeast("From k = 20 on the trained probe accuracy stays on a plateau >= "
                + Claim.format(NEAR_PERFECT) + " (lowest over k = 20 to 150)", metrics,
                "synthetic_probe_trained_min_from_20", NEAR_PERFECT));

        report.claim(Claim.atLeast("Untrained encoder at k = 100 gives ~100% probe accuracy (>= "
                + Claim.format(NEAR_PERFECT) + ")", metrics, "synthetic_probe_untrained_100", NEAR_PERFECT));
        report.claim(Claim.atLeast("Untrained encoder at k = 150 gives ~100% probe accuracy (>= "
                + Claim.format(NEAR_PERFECT) + ")", metrics, "synthetic_probe_untrained_150", NEAR_PERFECT));

        double gain = trained[i20] - untrained[i20];
        metrics.put("synthetic_probe_gain_20", gain);
        report.claim(Claim.atLeast("At k = 20 training is essential (trained minus untrained probe accuracy >= "
                + Claim.format(ESSENTIAL_GAIN) + ")", metrics, "synthetic_probe_gain_20", ESSENTIAL_GAIN));
        report.claim(Claim.atLeast("At k = 20 the trained probe reaches >= 0.95", metrics,
                "synthetic_probe_trained_20", 0.95));

        double gap = trained[i20] - trained[indexOf(5)];
        metrics.put("synthetic_probe_gap_20_vs_5", gap);
        report.claim(Claim.atLeast("At k = 5 the trained probe is clearly lower than at k = 20 (by >= "
                + Claim.format(CLEARLY_LOWER) + ")", metrics, "synthetic_probe_gap_20_vs_5", CLEARLY_LOWER));
    }

    private static int indexOf(int k) {
        for (int i = 0; i < SIZES.length; i++) {
            if (SIZES[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException("LatentSizeSweep: no latent size " + k);
    }
}
