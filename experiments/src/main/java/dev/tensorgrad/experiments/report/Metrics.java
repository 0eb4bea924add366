package dev.tensorgrad.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The measured numbers of one experiment, written to {@code metrics.json} as one flat JSON object.
 *
 * <p>Values are finite numbers, booleans, or arrays of finite numbers. Keys are lower-case
 * snake_case and each is set once; the file lists them in sorted order, so two runs with the same
 * seed give byte-identical files. A NaN or infinity is refused the moment it is put, so a
 * diverged run fails loudly instead of writing a number that no JSON reader accepts.
 */
public final class Metrics {

    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(_[a-z0-9.]+)*");

    private final Map<String, Object> values = new TreeMap<>();

    /**
     * Records a number.
     *
     * @throws IllegalArgumentException if the key is malformed or already set, or the value is NaN or infinite
     */
    public Metrics put(String key, double value) {
        checkFinite(key, value, -1);
        return set(key, value);
    }

    /**
     * Records a yes/no outcome.
     *
     * @throws IllegalArgumentException if the key is malformed or already set
     */
    public Metrics put(String key, boolean value) {
        return set(key, value);
    }

    /**
     * Records an array of numbers (copied).
     *
     * @throws IllegalArgumentException if the key is malformed or already set, or any element is NaN or infinite
     */
    public Metrics put(String key, double[] values) {
        for (int i = 0; i < values.length; i++) {
            checkFinite(key, values[i], i);
        }
        return set(key, values.clone());
    }

    /** Whether {@code key} has been set. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * The number recorded under {@code key}.
     *
     * @throws IllegalArgumentException if the key is absent or does not hold a single number
     */
    public double number(String key) {
        if (!(values.get(key) instanceof Double d)) {
            throw new IllegalArgumentException("metrics: no number under '" + key + "'; keys are " + values.keySet());
        }
        return d;
    }

    /** All entries in file order (sorted by key); arrays are {@code double[]}. Read-only. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The JSON text of {@link #write}. */
    public String toJson() {
        return Json.write(values);
    }

    /**
     * Writes the metrics to {@code file} atomically (see {@link AtomicFiles}).
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private Metrics set(String key, Object value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "metrics: bad key '" + key + "' (use lower-case snake_case, e.g. task1_final_loss)");
        }
        if (values.containsKey(key)) {
            throw new IllegalArgumentException("metrics: key '" + key + "' is already set");
        }
        values.put(key, value);
        return this;
    }

    private static void checkFinite(String key, double value, int index) {
        if (!Double.isFinite(value)) {
            String where = index < 0 ? key : key + "[" + index + "]";
            throw new IllegalArgumentException(
                    "metrics: " + where + " is " + value + "; metrics.json holds only finite numbers");
        }
    }
}
