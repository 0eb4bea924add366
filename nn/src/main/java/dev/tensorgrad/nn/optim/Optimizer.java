package dev.tensorgrad.nn.optim;

import dev.tensorgrad.autograd.Variable;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Updates parameters in place from their gradients. {@link #step()} reads each parameter's
 * {@code grad()} and writes its {@code data()} with in-place tensor ops, building no graph;
 * parameters without a gradient are skipped, as in PyTorch.
 */
public abstract class Optimizer {
    /** The parameters, in the order given. */
    protected final List<Variable> params;
    private double lr;

    /**
     * An optimizer over params with learning rate lr.
     *
     * @throws IllegalArgumentException if lr is negative or not finite, or a parameter is listed
     *                                  twice (it would be updated twice per step)
     */
    protected Optimizer(List<Variable> params, double lr) {
        this.params = List.copyOf(params);
        // Identity, not equals: two parameters with equal values are still two parameters.
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < this.params.size(); i++) {
            if (!seen.add(this.params.get(i))) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + i + " (shape "
                        + Arrays.toString(this.params.get(i).shape()) + ") appears more than once in the"
                        + " parameter list");
            }
        }
        setLr(lr);
    }

    /** One update of every parameter that has a gradient. */
    public abstract void step();

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        params.forEach(Variable::zeroGrad);
    }

    /** The current learning rate. */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate (schedulers call this).
     *
     * @throws IllegalArgumentException if lr is negative or not finite
     */
    public void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid learning rate " + lr);
        }
        this.lr = lr;
    }

    /** The parameters this optimizer updates. */
    public List<Variable> params() {
        return params;
    }
}
