package dev.tensorgrad.experiments.spectral;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdjustedRandIndexTest {

    @Test
    void identicalPartitionsScoreOne() {
        int[] labels = {0, 0, 1, 1, 2, 2, 2};
        assertEquals(1.0, AdjustedRandIndex.of(labels, labels), 1e-15);
    }

    @Test
    void renamingTheClustersDoesNotChangeTheScore() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 1e-15);
    }

    @Test
    void splittingOneClusterScoresFourSevenths() {
        // scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714...
        // By hand: sum C(n_ij,2) = 1, rows 1 + 1 = 2, columns 1, expected 2 * 1 / C(4,2) = 1/3,
        // maximum (2 + 1) / 2 = 3/2, so ARI = (1 - 1/3) / (3/2 - 1/3) = 4/7.
        assertEquals(4.0 / 7.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
    }

    @Test
    void everyPointAloneAgainstOneClusterScoresZero() {
        // scikit-learn's documented example: adjusted_rand_score([0, 0, 0, 0], [0, 1, 2, 3]) = 0.0.
        assertEquals(0.0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-15);
    }

    @Test
    void crossingPartitionsScoreBelowChance() {
        // scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) = -0.5.
        assertEquals(-0.5, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
    }

    @Test
    void rejectsLabellingsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdjustedRandIndex.of(new int[] {0, 1}, new int[] {0}));
        assertEquals("adjustedRandIndex: 2 true labels but 1 predicted labels", e.getMessage());
    }
}
