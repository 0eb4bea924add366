package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KMeansTest {

    /** Three tight groups of points around (0, 0), (10, 0) and (0, 10), 20 points each. */
    private static double[][] threeObviousGroups(int[] truth) {
        Rng rng = new Rng(7);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        double[][] points = new double[60][];
        for (int i = 0; i < 60; i++) {
            truth[i] = i % 3;
            points[i] = new double[] {centres[i % 3][0] + 0.3 * rng.nextGaussian(),
                centres[i % 3][1] + 0.3 * rng.nextGaussian()};
        }
        return points;
    }

    @Test
    void findsThreeObviousClusters() {
        int[] truth = new int[60];
        double[][] points = threeObviousGroups(truth);
        int[] labels = KMeans.fit(points, 3, 5, new Rng(1)).labels();
        assertEquals(1.0, AdjustedRandIndex.of(truth, labels), 1e-12);
    }

    @Test
    void centresAreTheMeansOfTheirPoints() {
        double[][] points = {{0, 0}, {0, 2}, {100, 0}, {100, 4}};
        KMeans.Result r = KMeans.fit(points, 2, 3, new Rng(3));
        double[] left = r.centres()[r.labels()[0]];
        double[] right = r.centres()[r.labels()[2]];
        assertArrayEquals(new double[] {0, 1}, left, 1e-12);
        assertArrayEquals(new double[] {100, 2}, right, 1e-12);
        // Inertia: each point is 1 (left pair) or 2 (right pair) away from its centre: 1 + 1 + 4 + 4.
        assertEquals(10.0, r.inertia(), 1e-12);
    }

    @Test
    void sameSeedGivesSameLabels() {
        int[] truth = new int[60];
        double[][] points = threeObviousGroups(truth);
        assertArrayEquals(KMeans.fit(points, 4, 3, new Rng(5)).labels(), KMeans.fit(points, 4, 3, new Rng(5)).labels());
    }

    @Test
    void rejectsMoreClustersThanPoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(new double[][] {{0, 0}, {1, 1}}, 3, 1, new Rng(0)));
        assertEquals("kmeans: cannot make 3 clusters from 2 points", e.getMessage());
    }
}
