package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;

/** A module with one input and one output, so that it can be chained in a {@link Sequential}. */
public abstract class Layer extends Module {
    /** Applies the layer; see each subclass for the shapes it accepts. */
    public abstract Variable forward(Variable x);
}
