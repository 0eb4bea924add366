package dev.tensorgrad.experiments.names;

import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The characters a character-level model knows, each with its index (its row in the embedding
 * table). Characters are Unicode code points, sorted, so the same names always give the same
 * indices.
 *
 * @param codePoints the known characters, strictly increasing
 */
public record CharVocabulary(int[] codePoints) {

    /**
     * Checks that the code points are strictly increasing (sorted, no repeats).
     *
     * @throws IllegalArgumentException if they are empty or not strictly increasing
     */
    public CharVocabulary {
        codePoints = codePoints.clone();
        if (codePoints.length == 0) {
            throw new IllegalArgumentException("vocabulary: no characters");
        }
        for (int i = 1; i < codePoints.length; i++) {
            if (codePoints[i] <= codePoints[i - 1]) {
                throw new IllegalArgumentException("vocabulary: characters must be sorted and distinct");
            }
        }
    }

    /** Every character that occurs in {@code words}. */
    public static CharVocabulary of(Collection<String> words) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (String w : words) {
            w.codePoints().forEach(seen::add);
        }
        return new CharVocabulary(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The vocabulary written as one string, e.g. for a checkpoint's metadata; {@link #parse} reads it back. */
    public String asString() {
        return new String(codePoints, 0, codePoints.length);
    }

    /**
     * The vocabulary written by {@link #asString}.
     *
     * @throws IllegalArgumentException if the characters are not sorted and distinct
     */
    public static CharVocabulary parse(String characters) {
        return new CharVocabulary(characters.codePoints().toArray());
    }

    /** The number of characters. */
    public int size() {
        return codePoints.length;
    }

    /**
     * The indices of the characters of {@code word}, one per code point.
     *
     * @throws IllegalArgumentException if the word is empty or holds a character outside the vocabulary
     */
    public int[] encode(String word) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("vocabulary: cannot encode an empty name");
        }
        int[] cps = word.codePoints().toArray();
        int[] indices = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            int index = Arrays.binarySearch(codePoints, cps[i]);
            if (index < 0) {
                throw new IllegalArgumentException(String.format("vocabulary: '%s' holds the character '%s' (U+%04X), "
                        + "which the model has never seen", word, Character.toString(cps[i]), cps[i]));
            }
            indices[i] = index;
        }
        return indices;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharVocabulary[" + asString() + "]";
    }
}
