package dev.tensorgrad.experiments.names;

import dev.tensorgrad.tensor.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minibatches of sequences that all have the same length, so an RNN runs on a batch without
 * padding and its last hidden state is every sequence's last real state.
 *
 * <p>Sequences are grouped by length; each group is cut into batches of at most
 * {@code batchSize}. With a random source, the members of each group and the order of the batches
 * are shuffled (a new order every epoch); without one, batches keep the input order.
 */
public final class LengthBuckets {

    private LengthBuckets() {
    }

    /**
     * The batches, each a list of row indices into {@code sequences}, all rows of one batch of
     * equal length; every row appears in exactly one batch.
     *
     * @param rng null for a fixed order (evaluation), else the shuffle's source (training)
     * @throws IllegalArgumentException if batchSize is not positive
     */
    public static List<int[]> batches(int[][] sequences, int batchSize, Rng rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batches: batch size must be positive, got " + batchSize);
        }
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sequences.length; i++) {
            byLength.computeIfAbsent(sequences[i].length, k -> new ArrayList<>()).add(i);
        }
        List<int[]> batches = new ArrayList<>();
        for (List<Integer> rows : byLength.values()) {
            int[] order = rng == null ? identity(rows.size()) : rng.permutation(rows.size());
            for (int start = 0; start < rows.size(); start += batchSize) {
                int[] batch = new int[Math.min(batchSize, rows.size() - start)];
                for (int j = 0; j < batch.length; j++) {
                    batch[j] = rows.get(order[start + j]);
                }
                batches.add(batch);
            }
        }
        if (rng == null) {
            return batches;
        }
        int[] order = rng.permutation(batches.size());
        List<int[]> shuffled = new ArrayList<>(batches.size());
        for (int i : order) {
            shuffled.add(batches.get(i));
        }
        return shuffled;
    }

    private static int[] identity(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }
}
