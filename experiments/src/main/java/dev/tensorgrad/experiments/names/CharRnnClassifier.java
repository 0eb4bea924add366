package dev.tensorgrad.experiments.names;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Embedding;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Module;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;

/**
 * A character-level RNN classifier: each character's embedding feeds a one-layer tanh RNN (the
 * fused implementation), and a linear layer maps the last hidden state to one logit per class.
 *
 * <pre>
 *   e_t = E[c_t]                       embedding, [B, T, D]
 *   h_t = tanh(e_t W_ih^T + h_{t-1} W_hh^T + b)   h_0 = 0, [B, H]
 *   logits = h_T W^T + b               [B, C]
 * </pre>
 *
 * Parameters are named {@code embedding.weight}, {@code rnn.*} and {@code head.*}.
 */
public final class CharRnnClassifier extends Module {
    private final Embedding embedding;
    private final RNN rnn;
    private final Linear head;

    /**
     * A FLOAT32 classifier over {@code vocabulary} characters and {@code classes} classes.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public CharRnnClassifier(int vocabulary, int embeddingDim, int hidden, int classes, Rng rng) {
        embedding = registerModule("embedding", new Embedding(vocabulary, embeddingDim, DType.FLOAT32, rng));
        rnn = registerModule("rnn", new RNN(embeddingDim, hidden, rng));
        head = registerModule("head", new Linear(hidden, classes, rng));
    }

    /**
     * The logits [B, C] of a batch of B character sequences, all of the same length T >= 1.
     *
     * @throws IllegalArgumentException if the rows differ in length, are empty, or hold an index outside the vocabulary
     */
    public Variable logits(int[][] sameLengthBatch) {
        Variable x = embedding.forward(sameLengthBatch);  // [B, T, D]
        Variable last = rnn.forward(x).hN().select(0, 0); // h_T of the only layer, [B, H]
        return head.forward(last);
    }
}
