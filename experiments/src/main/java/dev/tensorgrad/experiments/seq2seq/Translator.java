package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import java.util.Arrays;

/**
 * An RNN encoder-decoder that can be trained with teacher forcing and run greedily. The two
 * implementations differ in how the decoder sees the source: {@link EncoderDecoder} through its
 * initial state, {@link StackedEncoderDecoder} through an input at every step.
 */
public interface Translator {

    /** A greedy translation: the token fed to the decoder at each step, and the token it chose. */
    record Decoding(int[] inputs, int[] outputs) {
    }

    /**
     * The decoder's logits [B, T, V] when it reads {@code decoderInputs} (teacher forcing: {@code <sos>}
     * and the ground-truth previous tokens) after encoding {@code sources}; all rows of one array
     * have the same length.
     *
     * @throws IllegalArgumentException if rows differ in length or an index is out of range
     */
    Variable teacherForcedLogits(int[][] sources, int[][] decoderInputs);

    /** A decoder run on one encoded sentence, one token at a time. */
    @FunctionalInterface
    interface DecoderSteps {
        /** The logits [1, V] for the token after {@code previous}, the decoder's input at {@code position}. */
        Variable nextLogits(int previous, int position);
    }

    /** Encodes one sentence and returns its decoder, ready for its first step. */
    DecoderSteps startDecoding(int[] source);

    /**
     * Translates one sentence by feeding the decoder its own previous output, starting from
     * {@code <sos>}, until it emits {@code <eos>} or has produced {@code maxLength} tokens. Builds no graph.
     *
     * @throws IllegalArgumentException if an index is out of range
     */
    default Decoding greedy(int[] source, int sos, int eos, int maxLength) {
        int[] inputs = new int[maxLength];
        int[] outputs = new int[maxLength];
        int n = 0;
        try (Graph.Scope ignored = Graph.noGrad()) {
            DecoderSteps decoder = startDecoding(source);
            int previous = sos;
            while (n < maxLength) {
                int next = (int) decoder.nextLogits(previous, n).data().argmax(1, false).get(0);
                inputs[n] = previous;
                outputs[n] = next;
                n++;
                if (next == eos) {
                    break;
                }
                previous = next;
            }
        }
        return new Decoding(Arrays.copyOf(inputs, n), Arrays.copyOf(outputs, n));
    }
}
