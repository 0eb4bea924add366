package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.Rng;

import java.util.List;

/**
 * The three clusterings of {@link ClusteringComparison} repeated over a grid of kernel widths
 * gamma and several independent draws of the data, to see at which widths each method separates
 * the clusters.
 *
 * <p>The adjacency {@code exp(-gamma ||x_i - x_j||^2)} sees the data only through
 * {@code gamma * distance^2}, so scaling the whole figure by s is the same as multiplying gamma by
 * {@code s^2}: a sweep over gamma at one data scale is also a sweep over data scales at one gamma.
 *
 * @param gammas the kernel widths, in the order swept
 * @param cells  {@code cells[g][d]}: the comparison at {@code gammas[g]} on draw d
 */
public record KernelWidthSweep(double[] gammas, ClusteringComparison[][] cells) {

    /** The three clusterings compared. */
    public enum Method {
        /** K-means on the raw coordinates (does not depend on gamma). */
        RAW,
        /** K-means on the top singular vectors of {@code D^-1/2 A D^-1/2}. */
        SYM_NORM,
        /** K-means on the top singular vectors of the column-stochastic M. */
        STOCHASTIC;

        /** This method's adjusted Rand index in {@code c}. */
        public double ari(ClusteringComparison c) {
            return switch (this) {
                case RAW -> c.ariRaw();
                case SYM_NORM -> c.ariSymNorm();
                case STOCHASTIC -> c.ariStochastic();
            };
        }
    }

    /**
     * Runs every (gamma, draw) cell, gamma by gamma and within a gamma draw by draw, all K-means
     * choices coming from {@code rng} in that order.
     *
     * @throws IllegalArgumentException if there are no draws or no gammas, or a gamma is not positive
     */
    public static KernelWidthSweep run(List<MoonsAndBlob> draws, double[] gammas, int k, int restarts, Rng rng) {
        if (draws.isEmpty() || gammas.length == 0) {
            throw new IllegalArgumentException("kernelWidthSweep: need at least one draw and one gamma, got "
                    + draws.size() + " draws and " + gammas.length + " gammas");
        }
        ClusteringComparison[][] cells = new ClusteringComparison[gammas.length][draws.size()];
        for (int g = 0; g < gammas.length; g++) {
            for (int d = 0; d < draws.size(); d++) {
                cells[g][d] = ClusteringComparison.run(draws.get(d), gammas[g], k, restarts, rng);
            }
        }
        return new KernelWidthSweep(gammas.clone(), cells);
    }

    /**
     * The index of {@code gamma} in the grid, matched to a relative 1e-9 so that a gamma computed
     * another way (the square of 7.5 * 2^(1/4) divided by 7.5, against 7.5 * 2^(2/4)) still finds
     * its column despite rounding.
     *
     * @throws IllegalArgumentException if gamma was not swept
     */
    public int indexOf(double gamma) {
        for (int g = 0; g < gammas.length; g++) {
            if (Math.abs(gammas[g] - gamma) <= 1e-9 * Math.max(Math.abs(gammas[g]), Math.abs(gamma))) {
                return g;
            }
        }
        throw new IllegalArgumentException("kernelWidthSweep: gamma " + gamma + " was not swept");
    }

    /** The mean ARI of {@code method} over the draws, one value per gamma. */
    public double[] meanAri(Method method) {
        double[] mean = new double[gammas.length];
        for (int g = 0; g < gammas.length; g++) {
            double sum = 0;
            for (ClusteringComparison c : cells[g]) {
                sum += method.ari(c);
            }
            mean[g] = sum / cells[g].length;
        }
        return mean;
    }

    /** How many draws {@code method} separates (ARI at or above {@code threshold}), one count per gamma. */
    public int[] separatedDraws(Method method, double threshold) {
        int[] count = new int[gammas.length];
        for (int g = 0; g < gammas.length; g++) {
            for (ClusteringComparison c : cells[g]) {
                if (method.ari(c) >= threshold) {
                    count[g]++;
                }
            }
        }
        return count;
    }
}
