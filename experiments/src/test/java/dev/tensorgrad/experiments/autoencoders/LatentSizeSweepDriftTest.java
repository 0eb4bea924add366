package dev.tensorgrad.experiments.autoencoders;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdict's sentence on the probe's drift from k = 20 to k = 150, {@link LatentSizeSweep#driftInErrors}. */
class LatentSizeSweepDriftTest {
    @Test
    void driftIsCountedInStandardErrorsOfADifference() {
        String text = LatentSizeSweep.driftInErrors(-0.009, 0.006181, 1000);
        assertTrue(text.startsWith("1.5 standard errors of a difference of two accuracies on 1000 test points"), text);
    }

    @Test
    void aZeroStandardErrorIsSaidInWordsNotAsNaN() {
        String text = LatentSizeSweep.driftInErrors(0, 0, 200);
        assertTrue(text.contains("standard error of 0"), text);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    }
}
