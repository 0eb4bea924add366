package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/** Hyperbolic tangent, elementwise; any shape. A module so that it can sit in a {@link Sequential}. */
public final class Tanh extends Layer {
    /** Applies tanh to every element. */
    @Override
    public Variable forward(Variable x) {
        return x.tanh();
    }
}
