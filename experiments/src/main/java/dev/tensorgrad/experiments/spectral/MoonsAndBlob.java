package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.Rng;

/**
 * A 2-D dataset of three clusters that K-means on the coordinates cannot separate: two interleaved
 * half-moons (each a half circle of radius {@code scale}, the second flipped and shifted into the
 * first's opening: at {@code scale = 1} the curves of scikit-learn's {@code make_moons}, with the
 * angle drawn uniformly instead of evenly spaced) and a round Gaussian blob below them.
 *
 * <p>The moons are not convex and each one's centre of mass lies near the other moon, so no three
 * centroids can carve them apart; a graph that links only nearby points can. The whole figure
 * scales with {@code scale} (noise {@link #NOISE} {@code * scale}, blob spread {@link #BLOB_SPREAD}
 * {@code * scale}), so
 * changing it changes only how large the gaps are compared with a fixed kernel width.
 *
 * @param x      first coordinate of each point
 * @param y      second coordinate of each point
 * @param labels the true cluster of each point: 0 upper moon, 1 lower moon, 2 blob
 */
public record MoonsAndBlob(double[] x, double[] y, int[] labels) {
    /** Standard deviation of the moons' Gaussian noise, per unit of scale. */
    public static final double NOISE = 0.05;
    /** Standard deviation of the blob, per unit of scale. */
    public static final double BLOB_SPREAD = 0.125;

    /**
     * Draws {@code perCluster} points for each of the three clusters, cluster by cluster.
     *
     * @param scale the moons' radius; the gaps between clusters grow in proportion
     * @throws IllegalArgumentException if perCluster is below 1 or scale is not positive
     */
    public static MoonsAndBlob generate(int perCluster, double scale, Rng rng) {
        if (perCluster < 1 || !(scale > 0)) {
            throw new IllegalArgumentException("moonsAndBlob: need perCluster >= 1 and scale > 0, got perCluster="
                    + perCluster + ", scale=" + scale);
        }
        int n = 3 * perCluster;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] labels = new int[n];
        double noise = NOISE * scale;
        for (int i = 0; i < n; i++) {
            int cluster = i / perCluster;
            labels[i] = cluster;
            double t = rng.uniform(0, Math.PI);
            switch (cluster) {
                case 0 -> {
                    x[i] = scale * Math.cos(t) + noise * rng.nextGaussian();
                    y[i] = scale * Math.sin(t) + noise * rng.nextGaussian();
                }
                case 1 -> {
                    x[i] = scale * (1 - Math.cos(t)) + noise * rng.nextGaussian();
                    y[i] = scale * (0.5 - Math.sin(t)) + noise * rng.nextGaussian();
                }
                default -> {
                    x[i] = scale * 0.5 + BLOB_SPREAD * scale * rng.nextGaussian();
                    y[i] = -1.75 * scale + BLOB_SPREAD * scale * rng.nextGaussian();
                }
            }
        }
        return new MoonsAndBlob(x, y, labels);
    }

    /**
     * The smallest distance between two points of different clusters: how narrow the narrowest
     * gap is, to compare with the kernel's length scale {@code 1/sqrt(gamma)}.
     *
     * @throws IllegalArgumentException if all points are in one cluster
     */
    public double closestCrossClusterDistance() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (labels[i] != labels[j]) {
                    best = Math.min(best, Math.hypot(x[i] - x[j], y[i] - y[j]));
                }
            }
        }
        if (best == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("closestCrossClusterDistance: all " + x.length
                    + " points are in one cluster");
        }
        return best;
    }

    /** The points as rows {@code {x, y}}, the layout {@link KMeans} takes. */
    public double[][] rows() {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i], y[i]};
        }
        return rows;
    }
}
