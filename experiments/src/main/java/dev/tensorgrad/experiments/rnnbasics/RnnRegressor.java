package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Module;
import dev.tensorgrad.nn.Nonlinearity;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;

/**
 * The homework's regression model (1b, 1h): an RNN (one or more stacked layers) and a linear head
 * applied at every step, y_hat_t = W_f h_t + b_f, where h_t is the top layer's hidden state.
 */
public final class RnnRegressor extends Module {
    private final RNN rnn;
    private final Linear head;

    /**
     * A tanh RNN of {@code layers} layers of {@code hidden} units reading {@code inputSize}
     * features, and a head to {@code outputSize} values, initialised from rng (RNN first).
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public RnnRegressor(int inputSize, int hidden, int layers, int outputSize, DType dtype, Rng rng) {
        this.rnn = registerModule("rnn", new RNN(inputSize, hidden, Nonlinearity.TANH, layers, true, dtype, rng));
        this.head = registerModule("head", new Linear(hidden, outputSize, true, dtype, rng));
    }

    /**
     * Predictions [B, T, O] for inputs x [B, T, I], through the fused RNN.
     *
     * @throws IllegalArgumentException if x does not fit the RNN
     */
    public Variable forward(Variable x) {
        return head.forward(rnn.forward(x).output());
    }

    /** The recurrent layers. */
    public RNN rnn() {
        return rnn;
    }

    /** The linear head. */
    public Linear head() {
        return head;
    }
}
