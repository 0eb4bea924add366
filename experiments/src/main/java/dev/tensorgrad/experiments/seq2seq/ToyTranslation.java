package dev.tensorgrad.experiments.seq2seq;

import java.util.ArrayList;
import java.util.List;

/**
 * A toy Spanish-to-English translation task that a small RNN can learn in seconds, with one
 * reordering so that the decoder must look ahead in the source.
 *
 * <p>A source sentence is {@code subject verb determiner noun [adjective]}, e.g.
 * "yo veo un perro grande"; its translation is word by word through a fixed dictionary, with the
 * adjective moved before the noun as in English: "I see a big dog". Every combination of the word
 * lists is a sentence ({@link #allPairs}); target sentences end with {@code <eos>} and the decoder
 * starts from {@code <sos>}.
 */
public final class ToyTranslation {

    /** The start-of-sequence token: the decoder's first input. */
    public static final String SOS = "<sos>";
    /** The end-of-sequence token: the decoder's last output. */
    public static final String EOS = "<eos>";

    private static final String[][] SUBJECTS = {{"yo", "I"}, {"tu", "you"}, {"ella", "she"}, {"nosotros", "we"},
        {"ellos", "they"}};
    private static final String[][] VERBS = {{"veo", "see"}, {"vi", "saw"}, {"tengo", "have"}, {"quiero", "want"},
        {"busco", "seek"}, {"pinto", "paint"}};
    private static final String[][] DETERMINERS = {{"un", "a"}, {"el", "the"}};
    private static final String[][] NOUNS = {{"perro", "dog"}, {"gato", "cat"}, {"libro", "book"}, {"coche", "car"},
        {"casa", "house"}, {"pájaro", "bird"}, {"árbol", "tree"}, {"barco", "boat"}};
    private static final String[][] ADJECTIVES = {{"grande", "big"}, {"rojo", "red"}, {"pequeño", "small"},
        {"viejo", "old"}, {"nuevo", "new"}, {"negro", "black"}};

    /** One sentence and its translation, as words (the target without {@code <eos>}). */
    public record Pair(List<String> source, List<String> target) {

        /** Copies the word lists. */
        public Pair {
            source = List.copyOf(source);
            target = List.copyOf(target);
        }

        /** Whether the sentence has an adjective, the word the translation moves. */
        public boolean hasAdjective() {
            return source.size() == 5;
        }
    }

    private final List<String> sourceWords = new ArrayList<>();
    private final List<String> targetWords = new ArrayList<>();

    /** The task's vocabularies: every source word; {@code <sos>}, {@code <eos>} and every target word. */
    public ToyTranslation() {
        targetWords.add(SOS);
        targetWords.add(EOS);
        for (String[][] list : List.of(SUBJECTS, VERBS, DETERMINERS, NOUNS, ADJECTIVES)) {
            for (String[] entry : list) {
                sourceWords.add(entry[0]);
                targetWords.add(entry[1]);
            }
        }
    }

    /** Every sentence of the language with its translation, in a fixed order. */
    public List<Pair> allPairs() {
        List<Pair> pairs = new ArrayList<>();
        for (String[] s : SUBJECTS) {
            for (String[] v : VERBS) {
                for (String[] d : DETERMINERS) {
                    for (String[] n : NOUNS) {
                        pairs.add(new Pair(List.of(s[0], v[0], d[0], n[0]), List.of(s[1], v[1], d[1], n[1])));
                        for (String[] a : ADJECTIVES) {
                            pairs.add(new Pair(List.of(s[0], v[0], d[0], n[0], a[0]),
                                    List.of(s[1], v[1], d[1], a[1], n[1])));
                        }
                    }
                }
            }
        }
        return pairs;
    }

    /** The number of source words. */
    public int sourceVocabularySize() {
        return sourceWords.size();
    }

    /** The number of target tokens, {@code <sos>} and {@code <eos>} included. */
    public int targetVocabularySize() {
        return targetWords.size();
    }

    /** The index of {@code <sos>} in the target vocabulary. */
    public int sos() {
        return 0;
    }

    /** The index of {@code <eos>} in the target vocabulary. */
    public int eos() {
        return 1;
    }

    /**
     * The source word indices of a sentence.
     *
     * @throws IllegalArgumentException for a word outside the source vocabulary
     */
    public int[] encodeSource(List<String> words) {
        return encode(words, sourceWords, "source");
    }

    /**
     * What the decoder must output: the target word indices followed by {@code <eos>}.
     *
     * @throws IllegalArgumentException for a word outside the target vocabulary
     */
    public int[] decoderTargets(List<String> words) {
        int[] body = encode(words, targetWords, "target");
        int[] out = new int[body.length + 1];
        System.arraycopy(body, 0, out, 0, body.length);
        out[body.length] = eos();
        return out;
    }

    /**
     * What the decoder reads under teacher forcing: {@code <sos>} followed by the ground-truth
     * target words, i.e. the targets shifted right by one.
     *
     * @throws IllegalArgumentException for a word outside the target vocabulary
     */
    public int[] teacherForcedInputs(List<String> words) {
        int[] body = encode(words, targetWords, "target");
        int[] in = new int[body.length + 1];
        in[0] = sos();
        System.arraycopy(body, 0, in, 1, body.length);
        return in;
    }

    /** The target token with index {@code i}. */
    public String targetWord(int i) {
        return targetWords.get(i);
    }

    private static int[] encode(List<String> words, List<String> vocabulary, String side) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vocabulary.indexOf(words.get(i));
            if (out[i] < 0) {
                throw new IllegalArgumentException("toy translation: '" + words.get(i) + "' is not a " + side + " word");
            }
        }
        return out;
    }
}
