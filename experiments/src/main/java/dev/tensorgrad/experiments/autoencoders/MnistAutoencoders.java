package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.data.MnistIdx;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Part (ii) of homework 3a: vanilla, denoising and masked MLP autoencoders on MNIST digits, their
 * reconstructions, and linear probes on their latent codes against two baselines (raw pixels and an
 * untrained encoder).
 */
final class MnistAutoencoders {

    private static final int HIDDEN = 256;
    private static final int LATENT = 64;
    private static final double NOISE_STD = 0.5;
    private static final int PATCH = 4;
    private static final double MASKED_FRACTION = 0.5;
    /** Digits shown in the reconstruction figures. */
    private static final int SHOWN = 10;
    /** The images used: the 10,000 of the test set, or 10,000 drawn from the training set if that is all there is. */
    private static final int USED = 10_000;
    private static final int TRAIN_SHARE = 8_000;

    private MnistAutoencoders() {
    }

    /** Runs part (ii) and records its metrics, figures and findings in {@code ctx}. */
    static void run(RunContext ctx, Rng rng) throws IOException {
        String prefix = prefix(ctx.mnistDir());
        MnistIdx data = MnistIdx.load(ctx.mnistDir(), prefix);
        int side = data.rows();
        if (data.cols() != side || side % PATCH != 0) {
            throw new IOException(ctx.mnistDir() + ": autoencoders need square images whose side is a multiple of "
                    + PATCH + ", got " + data.rows() + "x" + data.cols());
        }
        int used = Math.min(USED, data.count());
        int nTrain = ctx.quick() ? Math.min(500, used * 4 / 5) : Math.min(TRAIN_SHARE, used * 4 / 5);
        int nTest = ctx.quick() ? Math.min(200, used - nTrain) : used - nTrain;
        int[] order = rng.permutation(data.count());
        int[] trainRows = Arrays.copyOfRange(order, 0, nTrain);
        int[] testRows = Arrays.copyOfRange(order, nTrain, nTrain + nTest);
        Tensor all = Tensor.of(data.pixels(), data.count(), side * side);
        Tensor xTrain = all.indexSelect(0, trainRows);
        Tensor xTest = all.indexSelect(0, testRows);
        int[] yTrain = pick(data.labels(), trainRows);
        int[] yTest = pick(data.labels(), testRows);

        ReconstructionTraining training = new ReconstructionTraining(ctx.quick() ? 1 : 8, 128, 1e-3);
        LinearProbe probe = new LinearProbe(ctx.quick() ? 2 : 20, 128, 3e-3, false);
        Corruption noise = Corruption.gaussian(NOISE_STD);
        Corruption mask = Corruption.patches(side, PATCH, MASKED_FRACTION);

        Report report = ctx.report();
        report.setup(String.format(Locale.ROOT, """
                **(ii) MNIST.** The %s set of `%s` (%d images of %dx%d, pixels scaled to [0, 1]), shuffled with the \
                seed and split into %d training and %d test images. When the folder holds a `t10k` set it is used \
                (it is what we ship, and it keeps the run the same size for the full MNIST or Fashion-MNIST); \
                otherwise the `train` set, of which %d images are used.

                **(ii) Models.** One MLP architecture, %d -> %d -> ReLU -> %d (the code z) -> %d -> ReLU -> %d -> \
                sigmoid, trained three ways with Adam (lr %s), %d epochs, batches of %d, always on the mean squared \
                error against the *clean* image: *vanilla* (input = image), *denoising* (input = image + N(0, %s^2) \
                noise per pixel, not clipped, fresh noise every batch), *masked* (input = image with %s of its %dx%d \
                patches set to 0, a fresh random choice every batch; the loss covers every pixel). Reconstruction \
                error = mean squared error per pixel on the clean test images. Linear probe = logistic regression \
                (Linear -> 10 classes) on the standardised frozen codes of the training images, Adam (lr %s), %d \
                epochs, batches of %d, accuracy on the test images. Baselines: the probe on raw pixels and on the \
                code of an untrained (random) encoder of the same architecture.""",
                prefix, ctx.mnistDir(), data.count(), side, side, nTrain, nTest, used, side * side, HIDDEN, LATENT,
                HIDDEN, side * side, training.lr(), training.epochs(), training.batchSize(),
                NOISE_STD, MASKED_FRACTION, PATCH, PATCH, probe.lr(),
                probe.epochs(), probe.batchSize()));

        Metrics metrics = ctx.metrics();
        metrics.put("mnist_probe_raw_pixels", probe.accuracy(xTrain, yTrain, xTest, yTest, 10, rng.fork()));

        String[] names = {"vanilla", "denoising", "masked"};
        Corruption[] corruptions = {Corruption.none(), noise, mask};
        Autoencoder[] models = new Autoencoder[names.length];
        Autoencoder untrained = Autoencoder.mlp(side * side, HIDDEN, LATENT, rng.fork());
        metrics.put("mnist_probe_random_encoder", probeAccuracy(probe, untrained, xTrain, yTrain, xTest, yTest,
                rng.fork()));
        for (int m = 0; m < names.length; m++) {
            models[m] = Autoencoder.mlp(side * side, HIDDEN, LATENT, rng.fork());
            training.fit(models[m], xTrain, corruptions[m], rng.fork(),
                    ctx.progress(names[m] + " epoch", training.epochs()));
            metrics.put("mnist_recon_" + names[m], ReconstructionTraining.meanSquaredError(models[m], xTest, xTest));
            metrics.put("mnist_probe_" + names[m], probeAccuracy(probe, models[m], xTrain, yTrain, xTest, yTest,
                    rng.fork()));
        }

        // The same corrupted test images for every model, so that the numbers compare like with like.
        Rng testNoise = rng.fork();
        Tensor noisyTest = noise.apply(xTest, testNoise);
        Tensor maskedTest = mask.apply(xTest, testNoise);
        for (int m = 0; m < names.length; m++) {
            metrics.put("mnist_recon_" + names[m] + "_from_noisy",
                    ReconstructionTraining.meanSquaredError(models[m], noisyTest, xTest));
            metrics.put("mnist_recon_" + names[m] + "_from_masked",
                    ReconstructionTraining.meanSquaredError(models[m], maskedTest, xTest));
        }

        Tensor shown = xTest.narrow(0, 0, SHOWN);
        List<Tensor> cleanRows = new ArrayList<>(List.of(shown));
        for (Autoencoder model : models) {
            cleanRows.add(ReconstructionTraining.reconstruct(model, shown));
        }
        Plots.imageGrid(ctx.file("mnist_reconstructions.png"), images(cleanRows), cleanRows.size(), SHOWN, side, side);
        Tensor noisyShown = noisyTest.narrow(0, 0, SHOWN);
        Tensor maskedShown = maskedTest.narrow(0, 0, SHOWN);
        List<Tensor> corruptedRows = List.of(noisyShown, ReconstructionTraining.reconstruct(models[1], noisyShown),
                maskedShown, ReconstructionTraining.reconstruct(models[2], maskedShown));
        Plots.imageGrid(ctx.file("mnist_corrupted.png"), images(corruptedRows), corruptedRows.size(), SHOWN, side,
                side);

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("raw pixels (no encoder)", "-", "-", "-", fmt(metrics, "mnist_probe_raw_pixels")));
        rows.add(List.of("untrained encoder", "-", "-", "-", fmt(metrics, "mnist_probe_random_encoder")));
        for (String name : names) {
            rows.add(List.of(name, fmt(metrics, "mnist_recon_" + name),
                    fmt(metrics, "mnist_recon_" + name + "_from_noisy"),
                    fmt(metrics, "mnist_recon_" + name + "_from_masked"), fmt(metrics, "mnist_probe_" + name)));
        }
        report.text("**(ii) MNIST.** Reconstruction error on the test images (clean target) from clean, noisy and "
                + "masked inputs, and linear-probe accuracy on the test images.");
        report.table(List.of("features", "MSE from clean", "MSE from noisy", "MSE from masked", "probe accuracy"),
                rows);
        report.figure("Test digits (row 1) and their reconstructions by the vanilla (row 2), denoising (row 3) and "
                + "masked (row 4) autoencoders, from the clean images", ctx.file("mnist_reconstructions.png"));
        report.figure("Noisy inputs (row 1) and the denoising autoencoder's output (row 2); masked inputs (row 3) "
                + "and the masked autoencoder's output (row 4)", ctx.file("mnist_corrupted.png"));
        verdict(report, metrics, names, side * side);
    }

    /** States what the MNIST numbers show; the homework's solution makes no numeric claim for this part. */
    private static void verdict(Report report, Metrics metrics, String[] names, int pixels) {
        String best = names[0];
        for (String name : names) {
            if (metrics.number("mnist_probe_" + name) > metrics.number("mnist_probe_" + best)) {
                best = name;
            }
        }
        double random = metrics.number("mnist_probe_random_encoder");
        double raw = metrics.number("mnist_probe_raw_pixels");
        double bestProbe = metrics.number("mnist_probe_" + best);
        boolean specialised = metrics.number("mnist_recon_vanilla") < metrics.number("mnist_recon_denoising")
                && metrics.number("mnist_recon_vanilla") < metrics.number("mnist_recon_masked")
                && metrics.number("mnist_recon_denoising_from_noisy") < metrics.number("mnist_recon_vanilla_from_noisy")
                && metrics.number("mnist_recon_masked_from_masked") < metrics.number("mnist_recon_vanilla_from_masked");
        report.verdict(String.format(Locale.ROOT, """
                **(ii)** %s from clean digits the vanilla one has MSE %s (denoising %s, masked %s), from noisy \
                digits the denoising one %s (vanilla %s), from masked digits the masked one %s (vanilla %s). The \
                linear probe on the %d-number codes reaches %s (vanilla), %s (denoising) and %s (masked); the \
                best, %s, is %s the untrained encoder's %s and %s the %s of raw pixels, which keep all %d numbers \
                of every image. The homework's solution makes no numeric claim about MNIST, so this part adds no \
                claim rows.""",
                specialised ? "Each autoencoder is best at the input it was trained on:" : "Reconstruction errors:",
                fmt(metrics, "mnist_recon_vanilla"), fmt(metrics, "mnist_recon_denoising"),
                fmt(metrics, "mnist_recon_masked"), fmt(metrics, "mnist_recon_denoising_from_noisy"),
                fmt(metrics, "mnist_recon_vanilla_from_noisy"), fmt(metrics, "mnist_recon_masked_from_masked"),
                fmt(metrics, "mnist_recon_vanilla_from_masked"), LATENT, fmt(metrics, "mnist_probe_vanilla"),
                fmt(metrics, "mnist_probe_denoising"), fmt(metrics, "mnist_probe_masked"), best,
                bestProbe > random ? "above" : "not above", Claim.format(random),
                bestProbe > raw ? "above" : "below", Claim.format(raw), pixels));
    }

    private static String fmt(Metrics metrics, String key) {
        return Claim.format(metrics.number(key));
    }

    /** "t10k" if the folder holds that set (image file, gzipped or not), else "train". */
    static String prefix(Path dir) {
        for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return "t10k";
            }
        }
        return "train";
    }

    private static double probeAccuracy(LinearProbe probe, Autoencoder model, Tensor xTrain, int[] yTrain,
                                        Tensor xTest, int[] yTest, Rng rng) {
        return probe.accuracy(ReconstructionTraining.encode(model, xTrain), yTrain,
                ReconstructionTraining.encode(model, xTest), yTest, 10, rng);
    }

    private static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** Every row of the given [n, pixels] tensors, in order, as separate images. */
    private static float[][] images(List<Tensor> tensors) {
        List<float[]> out = new ArrayList<>();
        for (Tensor t : tensors) {
            int n = t.size(0);
            int m = t.size(1);
            float[] values = t.toFloatArray();
            for (int i = 0; i < n; i++) {
                out.add(Arrays.copyOfRange(values, i * m, (i + 1) * m));
            }
        }
        return out.toArray(new float[0][]);
    }
}
