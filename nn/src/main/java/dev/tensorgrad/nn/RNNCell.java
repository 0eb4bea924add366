package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;

/**
 * One step of an Elman RNN: h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh), with PyTorch's parameter
 * names {@code weight_ih} [H, I], {@code weight_hh} [H, H], {@code bias_ih} [H], {@code bias_hh} [H],
 * all initialised uniform in ±1/sqrt(H).
 */
public final class RNNCell extends Module {
    private final int inputSize;
    private final int hiddenSize;
    private final Nonlinearity nonlinearity;
    private final Variable weightIh;
    private final Variable weightHh;
    private final Variable biasIh;
    private final Variable biasHh;

    /**
     * A cell of the given sizes and dtype.
     *
     * @throws IllegalArgumentException if a size is not positive or nonlinearity is null
     */
    public RNNCell(int inputSize, int hiddenSize, Nonlinearity nonlinearity, boolean bias, DType dtype, Rng rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("RNNCell: sizes must be positive, got input=" + inputSize
                    + " hidden=" + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.nonlinearity = Nonlinearity.require(nonlinearity, "RNNCell");
        this.weightIh = registerParameter("weight_ih", Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize, inputSize));
        this.weightHh = registerParameter("weight_hh", Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize, hiddenSize));
        this.biasIh = bias ? registerParameter("bias_ih", Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize)) : null;
        this.biasHh = bias ? registerParameter("bias_hh", Init.pytorchDefault(rng, hiddenSize, dtype, hiddenSize)) : null;
    }

    /** {@code "input=3, hidden=5, nonlinearity=TANH, bias=true"}. */
    @Override
    protected String describe() {
        return "input=" + inputSize + ", hidden=" + hiddenSize + ", nonlinearity=" + nonlinearity
                + ", bias=" + (biasIh != null);
    }

    /**
     * The next hidden state [B, H] from input x [B, I] and hidden state h [B, H] (null means zeros).
     *
     * @throws IllegalArgumentException if the shapes do not fit the cell, or x or h has another
     *                                  dtype than the weights
     */
    public Variable forward(Variable x, Variable h) {
        if (x.rank() != 2 || x.size(1) != inputSize) {
            throw new IllegalArgumentException("RNNCell: expected input [B, " + inputSize + "], got " + Shape.format(x.shape()));
        }
        // Checked before the matmul, whose message could name neither the cell nor which operand is off.
        DType dtype = weightIh.dtype();
        if (x.dtype() != dtype) {
            throw new IllegalArgumentException("RNNCell: input is " + x.dtype() + " " + Shape.format(x.shape())
                    + " but the weights are " + dtype);
        }
        if (h == null) {
            h = Variable.constant(Tensor.zeros(x.dtype(), x.size(0), hiddenSize));
        } else if (h.rank() != 2 || h.size(0) != x.size(0) || h.size(1) != hiddenSize) {
            throw new IllegalArgumentException("RNNCell: expected hidden state [" + x.size(0) + ", " + hiddenSize
                    + "], got " + Shape.format(h.shape()));
        } else if (h.dtype() != dtype) {
            throw new IllegalArgumentException("RNNCell: hidden state is " + h.dtype() + " " + Shape.format(h.shape())
                    + " but the weights are " + dtype);
        }
        return step(nonlinearity, x, h, weightIh, weightHh, biasIh, biasHh);
    }

    /** The textbook step, shared with the composed RNN; biases may be null. */
    static Variable step(Nonlinearity act, Variable x, Variable h, Variable wIh, Variable wHh, Variable bIh, Variable bHh) {
        Variable a = x.matmul(wIh.t()).add(h.matmul(wHh.t()));
        if (bIh != null) {
            a = a.add(bIh).add(bHh);
        }
        return act.apply(a);
    }
}
