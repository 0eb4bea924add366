package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.autograd.Variable;

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

    /**
     * Translates one sentence by feeding the decoder its own previous output, starting from
     * {@code <sos>}, until it emits {@code <eos>} or has produced {@code maxLength} tokens. Builds no graph.
     *
     * @throws IllegalArgumentException if an index is out of range
     */
    Decoding greedy(int[] source, int sos, int eos, int maxLength);
}
