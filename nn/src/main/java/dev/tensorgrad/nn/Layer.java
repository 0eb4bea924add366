package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;

/** A module with one input and one output, so that it can be chained in a {@link Sequential}. */
public abstract class Layer extends Module {
    /** Applies the layer; see each subclass for the shapes it accepts. */
    public abstract Variable forward(Variable x);

    /**
     * A layer's dim argument counted from the front: dim itself, or dim + rank for a negative one
     * (-1 is the last). Out of [-rank, rank), the error names the layer, the argument and the input.
     */
    static int checkedDim(String layer, String name, int dim, int rank, int[] shape) {
        if (dim < -rank || dim >= rank) {
            throw new IllegalArgumentException(layer + ": " + name + " " + dim + " is out of range for input "
                    + Shape.format(shape) + " (rank " + shape.length + ")");
        }
        return dim < 0 ? dim + rank : dim;
    }
}
