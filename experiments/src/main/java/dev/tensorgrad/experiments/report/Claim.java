package dev.tensorgrad.experiments.report;

import java.util.Locale;

/**
 * One claim from the homework checked against a measurement: what was claimed, which metric
 * measures it, the value measured, and whether the claim held.
 *
 * @param text     the claim in words, e.g. "2-layer RNN reaches loss below 0.001"
 * @param key      the metrics.json key holding the measured value
 * @param measured the measured value
 * @param held     whether the measurement supports the claim
 */
public record Claim(String text, String key, double measured, boolean held) {

    /**
     * Checks {@code text}'s claim that {@code metrics[key] < bound}.
     *
     * @throws IllegalArgumentException if {@code key} holds no number
     */
    public static Claim below(String text, Metrics metrics, String key, double bound) {
        double v = metrics.number(key);
        return new Claim(text, key, v, v < bound);
    }

    /**
     * Checks {@code text}'s claim that {@code metrics[key] >= bound}.
     *
     * @throws IllegalArgumentException if {@code key} holds no number
     */
    public static Claim atLeast(String text, Metrics metrics, String key, double bound) {
        double v = metrics.number(key);
        return new Claim(text, key, v, v >= bound);
    }

    /** The measured value as printed in reports: 4 significant digits. */
    public String measuredText() {
        return format(measured);
    }

    /** "yes" or "no". */
    public String heldText() {
        return held ? "yes" : "no";
    }

    /** Formats a number for a report: integers as such, others with 4 significant digits. */
    public static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e9) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
