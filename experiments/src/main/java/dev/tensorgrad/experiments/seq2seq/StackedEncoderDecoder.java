package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Embedding;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Module;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;

/**
 * The teammate's proposal of homework problem 7(a): encoder and decoder "stacked vertically".
 * The decoder starts from a zero state and, at step t, reads the encoder's hidden state h_t
 * beside the embedding of its previous token; past the source's end it keeps reading the last
 * one, h_T.
 *
 * <pre>
 *   h_t = RNN_enc(E_src[x_1..x_t])
 *   s_t = RNN_dec([E_tgt[w_t], h_min(t, T)], s_{t-1}),  s_0 = 0
 * </pre>
 *
 * So the t-th output can depend only on the first t source words: when a later source word must
 * come out earlier (an adjective that English puts before its noun), the model cannot know it.
 */
public final class StackedEncoderDecoder extends Module implements Translator {
    private final Embedding sourceEmbedding;
    private final Embedding targetEmbedding;
    private final RNN encoder;
    private final RNN decoder;
    private final Linear output;

    /**
     * A FLOAT32 model with hidden (and embedding) size {@code hidden}; the decoder's input is 2H wide.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public StackedEncoderDecoder(int sourceVocabulary, int targetVocabulary, int hidden, Rng rng) {
        sourceEmbedding = registerModule("source_embedding", new Embedding(sourceVocabulary, hidden, DType.FLOAT32, rng));
        targetEmbedding = registerModule("target_embedding", new Embedding(targetVocabulary, hidden, DType.FLOAT32, rng));
        encoder = registerModule("encoder", new RNN(hidden, hidden, rng));
        decoder = registerModule("decoder", new RNN(2 * hidden, hidden, rng));
        output = registerModule("output", new Linear(hidden, targetVocabulary, rng));
    }

    @Override
    public Variable teacherForcedLogits(int[][] sources, int[][] decoderInputs) {
        Variable encoded = encoder.forward(sourceEmbedding.forward(sources)).output(); // [B, S, H]
        int steps = decoderInputs[0].length;
        int[] aligned = new int[steps];
        for (int t = 0; t < steps; t++) {
            aligned[t] = Math.min(t, sources[0].length - 1);
        }
        Variable x = Variable.cat(2, targetEmbedding.forward(decoderInputs), encoded.indexSelect(1, aligned));
        return output.forward(decoder.forward(x).output());
    }

    @Override
    public DecoderSteps startDecoding(int[] source) {
        Variable encoded = encoder.forward(sourceEmbedding.forward(new int[][]{source})).output(); // [1, S, H]
        // The decoder's state, carried from step to step: [1, 1, H], zeros (null) at first.
        Variable[] state = {null};
        return (previous, position) -> {
            Variable h = encoded.indexSelect(1, Math.min(position, source.length - 1)); // [1, 1, H]
            Variable x = Variable.cat(2, targetEmbedding.forward(new int[][]{{previous}}), h);
            state[0] = decoder.forward(x, state[0]).hN();
            return output.forward(state[0].select(0, 0));
        };
    }
}
