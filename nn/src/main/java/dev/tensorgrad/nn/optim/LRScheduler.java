package dev.tensorgrad.nn.optim;

/**
 * Sets an optimizer's learning rate as a function of the epoch count. Call {@link #step()} once
 * per epoch, after the optimizer's step, as in PyTorch.
 */
public abstract class LRScheduler {
    /** The optimizer whose learning rate is set. */
    protected final Optimizer optimizer;
    /** The learning rate the optimizer had when the schedule was created. */
    protected final double baseLr;
    private int epoch;

    /** A schedule starting from the optimizer's current learning rate. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** The learning rate for the given epoch. */
    protected abstract double lrAt(int epoch);

    /** Advances one epoch and sets the optimizer's learning rate. */
    public void step() {
        epoch++;
        optimizer.setLr(lrAt(epoch));
    }

    /** Epochs stepped so far. */
    public int epoch() {
        return epoch;
    }
}
