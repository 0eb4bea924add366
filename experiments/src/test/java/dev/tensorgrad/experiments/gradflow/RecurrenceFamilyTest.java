package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecurrenceFamilyTest {

    @Test
    void identityFamilyIsRhoOnTheDiagonalAndZeroElsewhere() {
        Tensor q = OrthogonalRecurrence.randomOrthogonal(4, new Rng(2));
        double[][] w = RecurrenceFamily.IDENTITY.weight(q, 1.5).toDoubleMatrix();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 1.5 : 0.0, w[i][j], 0, "W[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void everyFamilyHasEverySingularValueEqualToRho() {
        Tensor q = OrthogonalRecurrence.randomOrthogonal(5, new Rng(4));
        for (RecurrenceFamily family : RecurrenceFamily.values()) {
            for (double v : Linalg.svd(family.weight(q, 0.7)).s().toDoubleArray()) {
                assertEquals(0.7, v, 1e-12, family.label());
            }
        }
    }

    @Test
    void weightRefusesANonSquareQ() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurrenceFamily.IDENTITY.weight(Tensor.zeros(DType.FLOAT64, 2, 3), 1));
        assertEquals("RecurrenceFamily.weight: Q must be square, got [2, 3]", e.getMessage());
    }
}
