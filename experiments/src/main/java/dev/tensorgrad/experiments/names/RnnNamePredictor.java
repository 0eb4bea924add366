package dev.tensorgrad.experiments.names;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.NamePredictor;
import dev.tensorgrad.nn.io.SafeTensors;
import dev.tensorgrad.tensor.Rng;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained {@link CharRnnClassifier} with what it needs to read a name and name a language: the
 * character vocabulary and the language list. Saved as one safetensors file whose
 * {@code __metadata__} carries the vocabulary, the languages and the layer sizes, so the model can be
 * rebuilt in another process ({@code ./tensorgrad predict-name}).
 */
public final class RnnNamePredictor implements NamePredictor {

    /** The checkpoint's file name in the names experiment's output folder. */
    public static final String FILE = "model.safetensors";

    private final CharRnnClassifier model;
    private final CharVocabulary vocabulary;
    private final List<String> languages;
    private final int embeddingDim;
    private final int hidden;

    /**
     * Wraps a trained model.
     *
     * @param languages the class names, in the order of the model's logits
     * @throws IllegalArgumentException if a language name holds a comma (the saved list is
     *                                  comma-separated, so it could not be read back)
     */
    public RnnNamePredictor(CharRnnClassifier model, CharVocabulary vocabulary, List<String> languages,
                            int embeddingDim, int hidden) {
        for (String language : languages) {
            if (language.contains(",")) {
                throw new IllegalArgumentException("RnnNamePredictor: language '" + language
                        + "' contains a comma, which separates the languages in the saved checkpoint");
            }
        }
        this.model = model;
        this.vocabulary = vocabulary;
        this.languages = List.copyOf(languages);
        this.embeddingDim = embeddingDim;
        this.hidden = hidden;
    }

    /**
     * The probability of every language for {@code name}, in the order of the language list.
     *
     * @throws IllegalArgumentException if the name is empty or holds a character outside the vocabulary
     */
    public double[] probabilities(String name) {
        int[] chars = vocabulary.encode(name);
        try (Graph.Scope ignored = Graph.noGrad()) {
            Variable logits = model.logits(new int[][]{chars});
            return logits.data().softmax(1).toDoubleArray();
        }
    }

    @Override
    public List<Guess> top(String name, int k) {
        double[] p = probabilities(name);
        List<Guess> guesses = new ArrayList<>();
        for (int c = 0; c < p.length; c++) {
            guesses.add(new Guess(languages.get(c), p[c]));
        }
        // Stable sort: equal probabilities keep the language order, so the answer is deterministic.
        guesses.sort(Comparator.comparingDouble(Guess::probability).reversed());
        return List.copyOf(guesses.subList(0, Math.min(Math.max(k, 0), guesses.size())));
    }

    /** The languages, in the order of the model's outputs. */
    public List<String> languages() {
        return languages;
    }

    /**
     * Writes the model and its metadata to {@code dir/model.safetensors}, atomically (a crash leaves
     * the previous file, or none).
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path dir) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "tensorgrad char-rnn name classifier");
        metadata.put("vocabulary", vocabulary.asString());
        metadata.put("languages", String.join(",", languages));
        metadata.put("embedding_dim", Integer.toString(embeddingDim));
        metadata.put("hidden_size", Integer.toString(hidden));
        SafeTensors.save(model.stateDict(), metadata, dir.resolve(FILE));
    }

    /**
     * The predictor saved in {@code dir} by {@link #save}, or empty if there is no checkpoint there.
     *
     * @throws IOException if the checkpoint exists but is corrupt, truncated, lacks the metadata, or
     *                     its tensors do not fit the model the metadata describes; the message names the file
     */
    public static Optional<NamePredictor> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, String> metadata = SafeTensors.loadMetadata(file);
        CharVocabulary vocabulary;
        List<String> languages;
        int embeddingDim;
        int hidden;
        try {
            vocabulary = CharVocabulary.parse(required(metadata, "vocabulary", file));
            languages = Arrays.asList(required(metadata, "languages", file).split(","));
            embeddingDim = Integer.parseInt(required(metadata, "embedding_dim", file));
            hidden = Integer.parseInt(required(metadata, "hidden_size", file));
            // The initial values are overwritten by the checkpoint; the seed only fixes the shapes' fill.
            CharRnnClassifier model = new CharRnnClassifier(vocabulary.size(), embeddingDim, hidden, languages.size(),
                    new Rng(0));
            SafeTensors.load(model, file);
            return Optional.of(new RnnNamePredictor(model, vocabulary, languages, embeddingDim, hidden));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a names model of this version: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> metadata, String key, Path file) throws IOException {
        String value = metadata.get(key);
        if (value == null) {
            throw new IOException(file + ": metadata lacks '" + key + "'; was it written by the names experiment?");
        }
        return value;
    }
}
