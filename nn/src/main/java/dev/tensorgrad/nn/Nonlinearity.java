package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/** The activation of a recurrent layer: h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh). */
public enum Nonlinearity {
    /** tanh, PyTorch's default; act'(a) = 1 - h^2. */
    TANH,
    /** max(a, 0); act'(a) = 1 where h > 0. */
    RELU,
    /** The identity: a linear recurrence, act'(a) = 1. */
    NONE;

    /** nonlinearity itself; a null is refused where the layer is built, not at its first forward. */
    static Nonlinearity require(Nonlinearity nonlinearity, String layer) {
        if (nonlinearity == null) {
            throw new IllegalArgumentException(layer + ": nonlinearity must be TANH, RELU or NONE, got null");
        }
        return nonlinearity;
    }

    Variable apply(Variable preActivation) {
        return switch (this) {
            case TANH -> preActivation.tanh();
            case RELU -> preActivation.relu();
            case NONE -> preActivation;
        };
    }
}
