package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import java.util.Arrays;

/** The check an elementwise loss (MSE, L1) makes of its input and target before comparing them. */
final class LossInputs {
    private LossInputs() {
    }

    /**
     * Refuses an input and a target of different shapes (PyTorch would broadcast them with a
     * warning, which usually hides a bug) or of different dtypes, naming the loss and both.
     */
    static void requireSameShapeAndDtype(String loss, Variable input, Variable target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + ": input " + Shape.format(input.shape())
                    + " and target " + Shape.format(target.shape()) + " must have the same shape");
        }
        if (input.dtype() != target.dtype()) {
            throw new IllegalArgumentException(loss + ": input " + input.dtype() + " " + Shape.format(input.shape())
                    + " and target " + target.dtype() + " " + Shape.format(target.shape()) + " must have the same dtype");
        }
    }
}
