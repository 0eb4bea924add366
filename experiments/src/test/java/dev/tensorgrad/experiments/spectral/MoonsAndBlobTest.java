package dev.tensorgrad.experiments.spectral;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MoonsAndBlobTest {

    @Test
    void closestCrossClusterDistanceIgnoresPairsInsideACluster() {
        // Points 0 and 1 share a cluster and sit 0.1 apart; the nearest cross pair is 1 -> 2, 3 apart.
        MoonsAndBlob data = new MoonsAndBlob(new double[] {0, 0.1, 3.1, 10}, new double[] {0, 0, 0, 0},
                new int[] {0, 0, 1, 2});
        assertEquals(3.0, data.closestCrossClusterDistance(), 1e-12);
    }

    @Test
    void closestCrossClusterDistanceRejectsASingleCluster() {
        MoonsAndBlob data = new MoonsAndBlob(new double[] {0, 1}, new double[] {0, 0}, new int[] {4, 4});
        assertThrows(IllegalArgumentException.class, data::closestCrossClusterDistance);
    }
}
