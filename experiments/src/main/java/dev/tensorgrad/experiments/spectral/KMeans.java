package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.Rng;

import java.util.Arrays;

/**
 * Lloyd's K-means with k-means++ seeding and restarts, on points given as rows of a
 * {@code double[][]}.
 *
 * <p>Each restart seeds the centres by k-means++ (Arthur &amp; Vassilvitskii 2007: the first at
 * random, each next one drawn with probability proportional to the squared distance to the nearest
 * centre chosen so far), then alternates assigning every point to its nearest centre and moving
 * each centre to the mean of its points until no assignment changes. The restart with the smallest
 * inertia (sum of squared distances to the assigned centres) wins. All randomness comes from the
 * {@link Rng} passed in, so the same seed gives the same clustering.
 */
public final class KMeans {

    private static final int MAX_ITERATIONS = 300;

    /**
     * The outcome of a clustering.
     *
     * @param labels  the cluster of each point, in [0, k)
     * @param centres k rows, the mean of each cluster's points
     * @param inertia the sum of squared distances from each point to its centre
     */
    public record Result(int[] labels, double[][] centres, double inertia) {
    }

    private KMeans() {
    }

    /**
     * Clusters {@code points} into {@code k} groups, keeping the best of {@code restarts} runs.
     *
     * @param points   n rows of d coordinates each
     * @param k        the number of clusters
     * @param restarts how many seeded runs to try
     * @param rng      the source of every random choice
     * @throws IllegalArgumentException if there are fewer points than clusters, k or restarts is
     *                                  below 1, or the rows differ in length
     */
    public static Result fit(double[][] points, int k, int restarts, Rng rng) {
        if (k < 1 || restarts < 1) {
            throw new IllegalArgumentException("kmeans: k and restarts must be at least 1, got k=" + k
                    + ", restarts=" + restarts);
        }
        if (points.length < k) {
            throw new IllegalArgumentException("kmeans: cannot make " + k + " clusters from " + points.length + " points");
        }
        for (double[] p : points) {
            if (p.length != points[0].length) {
                throw new IllegalArgumentException("kmeans: points have " + points[0].length + " and " + p.length
                        + " coordinates; all rows must have the same length");
            }
        }
        Result best = null;
        for (int r = 0; r < restarts; r++) {
            Result run = lloyd(points, seedCentres(points, k, rng));
            if (best == null || run.inertia() < best.inertia()) {
                best = run;
            }
        }
        return best;
    }

    /** k-means++ seeding: spread the initial centres out, in proportion to squared distance. */
    static double[][] seedCentres(double[][] points, int k, Rng rng) {
        int n = points.length;
        double[][] centres = new double[k][];
        centres[0] = points[rng.nextInt(n)].clone();
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = squaredDistance(points[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            int chosen = n - 1;
            if (total > 0) {
                double u = rng.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    u -= nearest[i];
                    if (u < 0) {
                        chosen = i;
                        break;
                    }
                }
            } else {
                // Every point already sits on a centre: any choice is as good as another.
                chosen = rng.nextInt(n);
            }
            centres[c] = points[chosen].clone();
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(points[i], centres[c]));
            }
        }
        return centres;
    }

    private static Result lloyd(double[][] points, double[][] centres) {
        int n = points.length;
        int k = centres.length;
        int d = points[0].length;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int c = nearestCentre(points[i], centres);
                if (c != labels[i]) {
                    labels[i] = c;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += points[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                // An emptied cluster keeps its old centre rather than dividing by zero.
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += squaredDistance(points[i], centres[labels[i]]);
        }
        return new Result(labels, centres, inertia);
    }

    private static int nearestCentre(double[] p, double[][] centres) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double dist = squaredDistance(p, centres[c]);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
            }
        }
        return best;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
