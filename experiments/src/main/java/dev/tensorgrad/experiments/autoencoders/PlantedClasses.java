package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * The synthetic data set of homework 3a: points in 100 dimensions of which 20 carry large variance
 * and decide the class, while the other 80 are small noise.
 *
 * <p>Generator, all draws from one seeded {@link Rng}: first a label direction {@code w}, a standard
 * normal vector in the 20 informative dimensions scaled to unit length; then for each point,
 * dimensions 0..19 are N(0, 1) and dimensions 20..99 are N(0, {@value #NOISE_STD}^2), and the label
 * is {@code 1 if w . x[0..19] > 0 else 0}. The classes are balanced in expectation and separable by
 * a hyperplane through the origin, so a linear probe can reach 100% from any features that keep
 * {@code w . x[0..19]} linearly recoverable, and no more than chance from features that lose it.
 *
 * @param x      the points, [n, {@value #DIMS}], FLOAT32
 * @param labels the class of each point, 0 or 1
 */
public record PlantedClasses(Tensor x, int[] labels) {

    /** Dimensions of a point. */
    public static final int DIMS = 100;
    /** Leading dimensions with unit variance that decide the label. */
    public static final int INFORMATIVE = 20;
    /** Standard deviation of the remaining noise dimensions. */
    public static final double NOISE_STD = 0.5;

    /**
     * Draws a label direction and then {@code n} points with it.
     *
     * @throws IllegalArgumentException if n is not positive
     */
    public static PlantedClasses generate(int n, Rng rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("PlantedClasses: n must be positive, got " + n);
        }
        return sample(n, direction(rng), rng);
    }

    /**
     * A random unit direction in the informative dimensions: the one that decides the labels.
     */
    public static double[] direction(Rng rng) {
        double[] w = new double[INFORMATIVE];
        double norm = 0;
        for (int j = 0; j < INFORMATIVE; j++) {
            w[j] = rng.nextGaussian();
            norm += w[j] * w[j];
        }
        for (int j = 0; j < INFORMATIVE; j++) {
            w[j] /= Math.sqrt(norm);
        }
        return w;
    }

    /**
     * Draws {@code n} points labelled by the given direction; training and test sets share one direction.
     *
     * @throws IllegalArgumentException if n is not positive or w does not have {@value #INFORMATIVE} entries
     */
    public static PlantedClasses sample(int n, double[] w, Rng rng) {
        if (n <= 0 || w.length != INFORMATIVE) {
            throw new IllegalArgumentException("PlantedClasses: need n > 0 and a direction of " + INFORMATIVE
                    + " entries, got n = " + n + " and " + w.length);
        }
        float[] values = new float[n * DIMS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double score = 0;
            for (int j = 0; j < DIMS; j++) {
                float v = (float) (j < INFORMATIVE ? rng.nextGaussian() : NOISE_STD * rng.nextGaussian());
                values[i * DIMS + j] = v;
                if (j < INFORMATIVE) {
                    score += w[j] * v;
                }
            }
            labels[i] = score > 0 ? 1 : 0;
        }
        return new PlantedClasses(Tensor.of(values, n, DIMS), labels);
    }
}
