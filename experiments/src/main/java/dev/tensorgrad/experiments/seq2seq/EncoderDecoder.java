package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Embedding;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Module;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;

/**
 * The homework's translation model: a one-layer RNN encoder reads the embedded source; its last
 * hidden state is the decoder's first hidden state; a one-layer RNN decoder reads embedded target
 * tokens and a linear layer turns each of its hidden states into next-token logits. Embeddings
 * have the hidden size H, as in the homework.
 *
 * <pre>
 *   h^enc_T = RNN_enc(E_src[x_1..x_T])          [1, B, H]
 *   s_t     = RNN_dec(E_tgt[w_t], s_{t-1}),  s_0 = h^enc_T
 *   logits_t = s_t W^T + b                      [B, V]
 * </pre>
 */
public final class EncoderDecoder extends Module implements Translator {
    private final Embedding sourceEmbedding;
    private final Embedding targetEmbedding;
    private final RNN encoder;
    private final RNN decoder;
    private final Linear output;

    /**
     * A FLOAT32 model with hidden (and embedding) size {@code hidden}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public EncoderDecoder(int sourceVocabulary, int targetVocabulary, int hidden, Rng rng) {
        sourceEmbedding = registerModule("source_embedding", new Embedding(sourceVocabulary, hidden, DType.FLOAT32, rng));
        targetEmbedding = registerModule("target_embedding", new Embedding(targetVocabulary, hidden, DType.FLOAT32, rng));
        encoder = registerModule("encoder", new RNN(hidden, hidden, rng));
        decoder = registerModule("decoder", new RNN(hidden, hidden, rng));
        output = registerModule("output", new Linear(hidden, targetVocabulary, rng));
    }

    @Override
    public Variable teacherForcedLogits(int[][] sources, int[][] decoderInputs) {
        Variable context = encoder.forward(sourceEmbedding.forward(sources)).hN(); // [1, B, H]
        Variable states = decoder.forward(targetEmbedding.forward(decoderInputs), context).output(); // [B, T, H]
        return output.forward(states);
    }

    @Override
    public DecoderSteps startDecoding(int[] source) {
        // The decoder's state, carried from step to step: [1, 1, H], first the encoder's last.
        Variable[] state = {encoder.forward(sourceEmbedding.forward(new int[][]{source})).hN()};
        return (previous, position) -> {
            state[0] = decoder.forward(targetEmbedding.forward(new int[][]{{previous}}), state[0]).hN();
            return output.forward(state[0].select(0, 0));
        };
    }
}
