package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.tensor.Rng;

import java.io.IOException;

/**
 * Homework 3a, designing autoencoders: (i) how the latent size of a vanilla autoencoder changes
 * its reconstruction error and the linear-probe accuracy of its code, on synthetic data whose
 * label lives in 20 high-variance dimensions out of 100 ({@link LatentSizeSweep}); (ii) vanilla,
 * denoising and masked autoencoders on MNIST, their reconstructions and linear probes
 * ({@link MnistAutoencoders}).
 */
public final class Autoencoders implements Experiment {

    @Override
    public String name() {
        return "autoencoders";
    }

    @Override
    public String title() {
        return "Designing autoencoders: latent size, denoising, masking and linear probes (3a)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        ctx.report().question("""
                Train autoencoders, denoising autoencoders and masked autoencoders on a synthetic dataset and on \
                MNIST. (i) Show the vanilla autoencoder with different latent representation sizes. (ii) How does \
                changing the latent size affect reconstruction accuracy and linear-probe accuracy, and why? The \
                solution: on data of 100 dimensions with 20 high-variance dimensions that determine the class, \
                the reconstruction error decreases as the latent size grows, marginally beyond 100; the probe \
                accuracy increases with the latent size; beyond 100 it approaches ~100% even without training; at \
                20 training is essential and the probe reaches >= 95%; at 5 the code misses useful information and \
                the probe accuracy is significantly lower.""");
        Rng rng = new Rng(ctx.seed());
        LatentSizeSweep.run(ctx, rng.fork());
        MnistAutoencoders.run(ctx, rng.fork());
    }
}
