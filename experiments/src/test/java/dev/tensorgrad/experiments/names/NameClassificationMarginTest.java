package dev.tensorgrad.experiments.names;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdict's margin sentences, {@link NameClassification#margin}. */
class NameClassificationMarginTest {

    @Test
    void marginCountsBinomialStandardErrors() {
        // sqrt(0.81 * 0.19 / 100) = 0.03923; |0.81 - 0.8| / 0.03923 = 0.255.
        String text = NameClassification.margin(0.81, 0.8, 100);
        assertTrue(text.contains("0.3 binomial standard errors (0.03923)"), text);
        assertTrue(text.contains("another seed can land on the other side"), text);
    }

    @Test
    void perfectAccuracyPrintsNoInfiniteStandardErrors() {
        String text = NameClassification.margin(1.0, 0.8, 50);
        assertFalse(text.contains("Infinity") || text.contains("NaN"), text);
        assertTrue(text.contains("exactly 1"), text);
    }

    @Test
    void zeroAccuracyPrintsNoNaNStandardErrors() {
        String text = NameClassification.margin(0.0, 0.8, 50);
        assertFalse(text.contains("Infinity") || text.contains("NaN"), text);
        assertTrue(text.contains("shortfall is 0.8000"), text);
    }
}
