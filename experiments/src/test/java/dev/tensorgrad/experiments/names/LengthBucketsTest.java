package dev.tensorgrad.experiments.names;

import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthBucketsTest {

    private static final int[][] SEQUENCES = {{1}, {1, 2}, {3}, {1, 2, 3}, {4, 5}, {6}, {7}, {8, 9}};

    @Test
    void everyRowAppearsInExactlyOneBatch() {
        int[] seen = new int[SEQUENCES.length];
        for (int[] batch : LengthBuckets.batches(SEQUENCES, 2, new Rng(1))) {
            for (int row : batch) {
                seen[row]++;
            }
        }
        for (int count : seen) {
            assertEquals(1, count);
        }
    }

    @Test
    void rowsOfOneBatchHaveOneLengthAndAtMostBatchSize() {
        for (int[] batch : LengthBuckets.batches(SEQUENCES, 2, new Rng(1))) {
            assertTrue(batch.length >= 1 && batch.length <= 2);
            for (int row : batch) {
                assertEquals(SEQUENCES[batch[0]].length, SEQUENCES[row].length);
            }
        }
    }

    @Test
    void withoutRandomnessBatchesFollowLengthThenInputOrder() {
        List<int[]> batches = LengthBuckets.batches(SEQUENCES, 3, null);
        // Length 1: rows 0, 2, 5, 6 -> [0, 2, 5], [6]; length 2: rows 1, 4, 7; length 3: row 3.
        assertEquals(List.of(List.of(0, 2, 5), List.of(6), List.of(1, 4, 7), List.of(3)),
                batches.stream().map(b -> java.util.Arrays.stream(b).boxed().toList()).toList());
    }
}
