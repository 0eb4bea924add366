package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * What is done to a batch of inputs before the encoder sees it, while the reconstruction target
 * stays the clean batch. Nothing for a vanilla autoencoder, noise for a denoising one, hidden
 * patches for a masked one. A fresh corruption is drawn every time, so each epoch sees new noise.
 */
@FunctionalInterface
public interface Corruption {

    /**
     * A corrupted copy of {@code clean} [n, m]; {@code clean} itself is left untouched.
     *
     * @param rng the source of the noise or the mask
     */
    Tensor apply(Tensor clean, Rng rng);

    /** No corruption: the vanilla autoencoder. */
    static Corruption none() {
        return (clean, rng) -> clean;
    }

    /**
     * Adds N(0, std^2) to every value (denoising autoencoder). The noise is not clipped to the pixel
     * range: clipping would brighten the background on average, making a clean image look unlike
     * any training input.
     *
     * @throws IllegalArgumentException if std is negative
     */
    static Corruption gaussian(double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("Corruption.gaussian: std must be >= 0, got " + std);
        }
        return (clean, rng) -> {
            float[] v = clean.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (std * rng.nextGaussian());
            }
            return Tensor.of(v, clean.shape());
        };
    }

    /**
     * Sets square patches of each image to 0 (masked autoencoder): images of side x side pixels are cut
     * into (side / patch)^2 patches and a random {@code fraction} of them, the same count in every
     * image, is hidden.
     *
     * @throws IllegalArgumentException if patch does not divide side or fraction is outside [0, 1]
     */
    static Corruption patches(int side, int patch, double fraction) {
        if (patch <= 0 || side % patch != 0 || !(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Corruption.patches: need a patch size dividing " + side
                    + " and a fraction in [0, 1], got " + patch + " and " + fraction);
        }
        int perSide = side / patch;
        int hidden = (int) Math.round(fraction * perSide * perSide);
        return (clean, rng) -> {
            int n = clean.size(0);
            int m = clean.size(1);
            if (m != side * side) {
                throw new IllegalArgumentException("Corruption.patches: expected images of " + side + "x" + side
                        + " = " + side * side + " values, got [" + n + ", " + m + "]");
            }
            float[] v = clean.toFloatArray();
            for (int i = 0; i < n; i++) {
                int[] order = rng.permutation(perSide * perSide);
                for (int p = 0; p < hidden; p++) {
                    int top = (order[p] / perSide) * patch;
                    int left = (order[p] % perSide) * patch;
                    for (int r = top; r < top + patch; r++) {
                        int row = i * m + r * side;
                        for (int c = left; c < left + patch; c++) {
                            v[row + c] = 0;
                        }
                    }
                }
            }
            return Tensor.of(v, n, m);
        };
    }
}
