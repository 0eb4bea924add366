package dev.tensorgrad.experiments.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfusionMatrixTest {

    /** Truth 0,0,0,1,1,2 predicted as 0,0,1,1,0,2. */
    private static ConfusionMatrix example() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        int[] truth = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 0, 2};
        for (int i = 0; i < truth.length; i++) {
            cm.add(truth[i], predicted[i]);
        }
        return cm;
    }

    @Test
    void accuracyIsTheDiagonalShare() {
        assertEquals(4.0 / 6, example().accuracy(), 1e-12);
    }

    @Test
    void macroF1AveragesPerClassF1() {
        // class 0: p = 2/3, r = 2/3, F1 = 2/3; class 1: p = 1/2, r = 1/2, F1 = 1/2; class 2: F1 = 1.
        assertEquals((2.0 / 3 + 0.5 + 1) / 3, example().macroF1(), 1e-12);
    }

    @Test
    void rowsNormaliseToWhereEachTrueClassWent() {
        double[][] rows = example().rowNormalized();
        assertArrayEquals(new double[]{2.0 / 3, 1.0 / 3, 0}, rows[0], 1e-12);
        assertArrayEquals(new double[]{0.5, 0.5, 0}, rows[1], 1e-12);
        assertArrayEquals(new double[]{0, 0, 1}, rows[2], 1e-12);
    }

    @Test
    void rejectsAClassOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(3).add(0, 3));
    }
}
