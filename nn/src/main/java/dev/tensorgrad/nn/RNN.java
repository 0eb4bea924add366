package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Shape;
import java.util.List;

/**
 * A stacked Elman RNN with PyTorch's semantics and parameter names. Input and output are batch
 * first ([B, T, ...]) unless the RNN is built with {@code batchFirst = false}, PyTorch's default
 * layout ([T, B, ...]); the states h0 and hN are [L, B, H] either way, as in PyTorch. For each layer
 * k and step t: h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), where x_t is the input for
 * layer 0 and the hidden state of layer k-1 above that (stacked layers feed hidden states upward).
 * Parameters {@code weight_ih_l{k}} [H, I or H], {@code weight_hh_l{k}} [H, H], {@code bias_ih_l{k}}
 * and {@code bias_hh_l{k}} [H] are initialised uniform in ±1/sqrt(H), in that order.
 *
 * <p>Two implementations compute the same function. {@link #forward} (the default) is fused: one
 * autograd node runs every step with preallocated buffers and backpropagates through time in one
 * pass ({@link FusedRnn}). {@link #forwardComposed} is the textbook loop of autograd ops
 * ({@link ComposedRnn}), whose per-step hidden states are ordinary variables one can hook.
 */
public final class RNN extends Module {
    /**
     * What a forward pass returns.
     *
     * @param output every hidden state of the top layer, [B, T, H] (or [T, B, H] for a time-first RNN)
     * @param hN     the last hidden state of every layer, [L, B, H]
     * @param hidden for {@link #forwardComposed}, the per-step hidden states: {@code hidden.get(k).get(t)}
     *               is h_t of layer k, [B, H], a variable one can registerHook or retainGrad on; empty
     *               for the fused forward, which offers {@link StepGradients} instead
     */
    public record Result(Variable output, Variable hN, List<List<Variable>> hidden) {
    }

    private final int inputSize;
    private final int hiddenSize;
    private final Nonlinearity nonlinearity;
    private final int numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final Variable[] weightIh;
    private final Variable[] weightHh;
    private final Variable[] biasIh;
    private final Variable[] biasHh;

    /** A one-layer, batch-first FLOAT32 tanh RNN with biases. */
    public RNN(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, Nonlinearity.TANH, 1, true, DType.FLOAT32, rng);
    }

    /**
     * A batch-first RNN with every other option.
     *
     * @throws IllegalArgumentException if a size or the number of layers is not positive, or
     *                                  nonlinearity is null
     */
    public RNN(int inputSize, int hiddenSize, Nonlinearity nonlinearity, int numLayers, boolean bias, DType dtype, Rng rng) {
        this(inputSize, hiddenSize, nonlinearity, numLayers, bias, true, dtype, rng);
    }

    /**
     * An RNN with every option, in PyTorch's order: {@code batchFirst = false} takes and returns
     * time-first tensors ([T, B, I] in, [T, B, H] out), as PyTorch's {@code nn.RNN} does by default.
     * The parameters are the same either way (same names, shapes and initial values for the same rng).
     *
     * @throws IllegalArgumentException if a size or the number of layers is not positive, or
     *                                  nonlinearity is null
     */
    public RNN(int inputSize, int hiddenSize, Nonlinearity nonlinearity, int numLayers, boolean bias, boolean batchFirst,
               DType dtype, Rng rng) {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException("RNN: sizes must be positive, got input=" + inputSize + " hidden="
                    + hiddenSize + " layers=" + numLayers);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.nonlinearity = Nonlinearity.require(nonlinearity, "RNN");
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.weightIh = new Variable[numLayers];
        this.weightHh = new Variable[numLayers];
        this.biasIh = new Variable[numLayers];
        this.biasHh = new Variable[numLayers];
        for (int k = 0; k < numLayers; k++) {
            int in = k == 0 ? inputSize : hiddenSize;
            weightIh[k] = registerParameter("weight_ih_l" + k, Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize, in));
            weightHh[k] = registerParameter("weight_hh_l" + k,
                    Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize, hiddenSize));
            if (bias) {
                biasIh[k] = registerParameter("bias_ih_l" + k, Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize));
                biasHh[k] = registerParameter("bias_hh_l" + k, Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize));
            }
        }
    }

    /** Runs the fused RNN from a zero initial state; see {@link #forward(Variable, Variable, StepGradients)}. */
    public Result forward(Variable x) {
        return forward(x, null, null);
    }

    /** Runs the fused RNN; see {@link #forward(Variable, Variable, StepGradients)}. */
    public Result forward(Variable x, Variable h0) {
        return forward(x, h0, null);
    }

    /**
     * Runs the fused RNN on x [B, T, I] (or [T, B, I] for a time-first RNN) from h0 [L, B, H] (null
     * means zeros). If stepGradients is not null, this forward clears it and the backward pass
     * stores dL/dh_t of every layer and step into it.
     *
     * @throws IllegalArgumentException if the shapes or dtypes do not fit the RNN
     */
    public Result forward(Variable x, Variable h0, StepGradients stepGradients) {
        return run(FusedRnn::forward, x, h0, stepGradients);
    }

    /** The textbook loop of autograd ops; same contract as {@link #forward(Variable, Variable, StepGradients)}. */
    public Result forwardComposed(Variable x, Variable h0) {
        return forwardComposed(x, h0, null);
    }

    /**
     * The textbook loop of autograd ops: same values and gradients as {@link #forward}, with every
     * h_t exposed in {@link Result#hidden()}. If stepGradients is not null, this forward clears it
     * and hooks on every h_t store dL/dh_t into it during backward.
     *
     * @throws IllegalArgumentException if the shapes or dtypes do not fit the RNN
     */
    public Result forwardComposed(Variable x, Variable h0, StepGradients stepGradients) {
        return run(ComposedRnn::forward, x, h0, stepGradients);
    }

    /** FusedRnn.forward or ComposedRnn.forward: both take a batch-first x and checked inputs. */
    private interface Implementation {
        Result forward(RNN rnn, Variable x, Variable h0, StepGradients stepGradients);
    }

    /** What both forwards share: the layout, the checks, and clearing stepGradients before anything records into it. */
    private Result run(Implementation implementation, Variable x, Variable h0, StepGradients stepGradients) {
        Variable batchMajor = toBatchFirst(x);
        checkInputs(batchMajor, h0);
        if (stepGradients != null) {
            stepGradients.reset(numLayers, batchMajor.size(1));
        }
        return fromBatchFirst(implementation.forward(this, batchMajor, h0, stepGradients));
    }

    /** Both implementations run batch first; a time-first input is seen through a transposed view, never copied. */
    private Variable toBatchFirst(Variable x) {
        if (x.rank() != 3 || x.size(2) != inputSize || x.size(batchFirst ? 1 : 0) == 0) {
            throw new IllegalArgumentException("RNN: expected input " + (batchFirst ? "[B, T, " : "[T, B, ") + inputSize
                    + "] with T >= 1, got " + Shape.format(x.shape()));
        }
        return batchFirst ? x : x.transpose(0, 1);
    }

    private Result fromBatchFirst(Result result) {
        return batchFirst ? result : new Result(result.output().transpose(0, 1), result.hN(), result.hidden());
    }

    private void checkInputs(Variable x, Variable h0) {
        DType dtype = weightIh[0].dtype();
        if (x.dtype() != dtype) {
            throw new IllegalArgumentException("RNN: input is " + x.dtype() + " but the parameters are " + dtype);
        }
        if (h0 != null) {
            int[] expected = {numLayers, x.size(0), hiddenSize};
            if (!java.util.Arrays.equals(h0.shape(), expected)) {
                throw new IllegalArgumentException("RNN: expected initial state " + Shape.format(expected) + ", got "
                        + Shape.format(h0.shape()));
            }
            if (h0.dtype() != dtype) {
                throw new IllegalArgumentException("RNN: initial state is " + h0.dtype() + " but the parameters are " + dtype);
            }
        }
    }

    /** {@code "input=3, hidden=5, layers=2, nonlinearity=TANH, bias=true"}, and {@code ", batchFirst=false"} for a time-first RNN. */
    @Override
    protected String describe() {
        return "input=" + inputSize + ", hidden=" + hiddenSize + ", layers=" + numLayers + ", nonlinearity="
                + nonlinearity + ", bias=" + bias + (batchFirst ? "" : ", batchFirst=false");
    }

    /** Input features I. */
    public int inputSize() {
        return inputSize;
    }

    /** Hidden units H. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Number of stacked layers L. */
    public int numLayers() {
        return numLayers;
    }

    /** The activation. */
    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /** Whether the layers have biases. */
    public boolean hasBias() {
        return bias;
    }

    /** Whether input and output are [B, T, ...] (true) or PyTorch's default [T, B, ...] (false). */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** W_ih of layer k, [H, I] for k = 0 and [H, H] above. */
    public Variable weightIh(int k) {
        return weightIh[k];
    }

    /** W_hh of layer k, [H, H]. */
    public Variable weightHh(int k) {
        return weightHh[k];
    }

    /** b_ih of layer k, [H], or null without biases. */
    public Variable biasIh(int k) {
        return biasIh[k];
    }

    /** b_hh of layer k, [H], or null without biases. */
    public Variable biasHh(int k) {
        return biasHh[k];
    }
}
