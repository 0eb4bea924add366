package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/** max(x, 0), elementwise; any shape. A module so that it can sit in a {@link Sequential}. */
public final class ReLU extends Layer {
    /** Applies relu to every element. */
    @Override
    public Variable forward(Variable x) {
        return x.relu();
    }
}
