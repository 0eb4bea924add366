package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Binary cross-entropy on logits: loss = -[y log sigmoid(x) + (1-y) log(1 - sigmoid(x))],
 * computed in the stable form max(x, 0) - x y + log(1 + e^-|x|), which never takes the log of 0
 * nor exponentiates a large positive number. Its derivative is simply sigmoid(x) - y.
 */
public final class BCEWithLogitsLoss {
    private final Reduction reduction;

    /** Mean binary cross-entropy. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /**
     * Binary cross-entropy with the given reduction.
     *
     * @throws IllegalArgumentException if reduction is null
     */
    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = Reduction.require(reduction, "BCEWithLogitsLoss");
    }

    /**
     * The loss of logits against targets in [0, 1] of the same shape (targets take no gradient;
     * targets of another dtype are converted to the logits' dtype, since they are data, not a
     * second operand).
     *
     * @throws IllegalArgumentException if the shapes differ, or the reduction is MEAN and the input is empty
     */
    public Variable forward(Variable logits, Tensor targets) {
        if (!Arrays.equals(logits.shape(), targets.shape())) {
            throw new IllegalArgumentException("BCEWithLogitsLoss: logits " + Shape.format(logits.shape())
                    + " and targets " + Shape.format(targets.shape()) + " must have the same shape");
        }
        Tensor x = logits.data();
        Tensor y = targets.to(x.dtype());
        Tensor perElement = x.relu().sub(x.mul(y)).add(x.abs().neg().exp().add(1).log());
        // d loss / dx = sigmoid(x) - y; one node instead of six keeps the derivative exact at x = 0.
        // y is saved too: backward reads it, so writing into the targets before backward is an error.
        Variable loss = Graph.record("bceWithLogits", perElement, List.of(logits), new Tensor[] {x, y},
                g -> new Tensor[] {g.mul(x.sigmoid().sub(y))});
        return reduction.apply(loss, "BCEWithLogitsLoss");
    }
}
