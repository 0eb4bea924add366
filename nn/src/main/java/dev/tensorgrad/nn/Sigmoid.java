package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/** 1 / (1 + e^-x), elementwise; any shape. A module so that it can sit in a {@link Sequential}. */
public final class Sigmoid extends Layer {
    /** Applies sigmoid to every element. */
    @Override
    public Variable forward(Variable x) {
        return x.sigmoid();
    }
}
