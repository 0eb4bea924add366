package dev.tensorgrad.experiments;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A trained surname classifier, behind {@code ./tensorgrad predict-name NAME}.
 *
 * <p>The {@code names} experiment trains the model and saves it in its output folder; its
 * {@link Loader} reads it back in a later process. The loader is registered in
 * {@link Experiments#standard()}.
 */
public interface NamePredictor {

    /** One language with the model's probability for it. */
    record Guess(String language, double probability) {
    }

    /**
     * The {@code k} most probable languages of origin for {@code name}, most probable first.
     *
     * @throws IllegalArgumentException if the name holds a character the model has no encoding for
     */
    List<Guess> top(String name, int k);

    /** Reads a trained predictor back from the names experiment's output folder. */
    @FunctionalInterface
    interface Loader {

        /**
         * The predictor saved in {@code namesOutDir} (e.g. {@code reports/names}), or empty if none was trained there.
         *
         * @throws Exception if a saved model exists but cannot be read
         */
        Optional<NamePredictor> load(Path namesOutDir) throws Exception;
    }
}
