package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusteringComparisonTest {

    /** Three tight clumps ten units apart: every method, raw or spectral, must find them. */
    private static MoonsAndBlob threeClumps() {
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        int per = 6;
        double[] x = new double[3 * per];
        double[] y = new double[3 * per];
        int[] labels = new int[3 * per];
        for (int i = 0; i < x.length; i++) {
            int c = i / per;
            labels[i] = c;
            x[i] = centres[c][0] + 0.1 * (i % per);
            y[i] = centres[c][1] - 0.05 * (i % per);
        }
        return new MoonsAndBlob(x, y, labels);
    }

    @Test
    void everyMethodSeparatesClumpsFarApartComparedWithTheKernel() {
        ClusteringComparison c = ClusteringComparison.run(threeClumps(), 1.0, 3, 5, new Rng(1));
        assertEquals(1.0, c.ariRaw(), 1e-12);
        assertEquals(1.0, c.ariSymNorm(), 1e-12);
        assertEquals(1.0, c.ariStochastic(), 1e-12);
    }

    @Test
    void disconnectedClumpsGiveThreeSingularValuesOfOneForTheSymNormMatrix() {
        // Three components with no edges between them: M is block diagonal with three blocks of top eigenvalue 1.
        ClusteringComparison c = ClusteringComparison.run(threeClumps(), 1.0, 3, 5, new Rng(1));
        assertArrayEquals(new double[] {1, 1, 1}, c.symValues(), 1e-9);
    }

    @Test
    void recordsAnExactlySymmetricAdjacencyAndUnitColumnSums() {
        MoonsAndBlob data = MoonsAndBlob.generate(5, 1.0, new Rng(3));
        ClusteringComparison c = ClusteringComparison.run(data, 7.5, 3, 2, new Rng(4));
        assertEquals(0.0, c.asymmetry());
        assertEquals(0.0, c.columnSumError(), 1e-12);
    }
}
