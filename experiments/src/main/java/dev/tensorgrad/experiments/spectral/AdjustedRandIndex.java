package dev.tensorgrad.experiments.spectral;

import java.util.Map;
import java.util.TreeMap;

/**
 * The adjusted Rand index (Hubert &amp; Arabie 1985) between two partitions of the same points:
 * 1 when they agree exactly (up to renaming the clusters), about 0 for independent random
 * labellings, negative when they agree less than chance.
 *
 * <p>From the contingency table {@code n_ij} (points in cluster i of the first partition and
 * cluster j of the second), its row sums {@code a_i} and column sums {@code b_j}:
 * <pre>
 *   index    = sum_ij C(n_ij, 2)
 *   expected = sum_i C(a_i, 2) * sum_j C(b_j, 2) / C(n, 2)
 *   maximum  = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2
 *   ARI      = (index - expected) / (maximum - expected)
 * </pre>
 */
public final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    /**
     * The adjusted Rand index of two labellings. When the formula reads 0/0 (a single point, or both
     * labellings putting every point in one cluster, or every point in its own) they agree exactly
     * and the index is 1.
     *
     * @param truth     a cluster label per point (any integers)
     * @param predicted a cluster label per point (any integers)
     * @throws IllegalArgumentException if the lengths differ or there are no points
     */
    public static double of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("adjustedRandIndex: " + truth.length + " true labels but "
                    + predicted.length + " predicted labels");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("adjustedRandIndex: no points");
        }
        Map<Long, Integer> cells = new TreeMap<>();
        Map<Integer, Integer> rows = new TreeMap<>();
        Map<Integer, Integer> cols = new TreeMap<>();
        for (int i = 0; i < truth.length; i++) {
            cells.merge(((long) truth[i] << 32) ^ (predicted[i] & 0xffffffffL), 1, Integer::sum);
            rows.merge(truth[i], 1, Integer::sum);
            cols.merge(predicted[i], 1, Integer::sum);
        }
        double index = cells.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double rowPairs = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double colPairs = cols.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        if (truth.length < 2) {
            return 1.0;
        }
        double expected = rowPairs * colPairs / pairs(truth.length);
        double maximum = (rowPairs + colPairs) / 2;
        if (maximum == expected) {
            return 1.0;
        }
        return (index - expected) / (maximum - expected);
    }

    /** C(count, 2): the number of unordered pairs among {@code count} points. */
    private static double pairs(int count) {
        return count * (count - 1.0) / 2;
    }
}
