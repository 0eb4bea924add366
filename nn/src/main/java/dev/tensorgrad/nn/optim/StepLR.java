package dev.tensorgrad.nn.optim;

/** Step decay: lr = baseLr * gamma^floor(epoch / stepSize), as torch.optim.lr_scheduler.StepLR. */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * Multiplies the learning rate by gamma every stepSize epochs.
     *
     * @throws IllegalArgumentException if stepSize is not positive, or gamma is negative, NaN or
     *                                  infinite (it would make a learning rate no optimizer accepts)
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: stepSize must be positive, got " + stepSize);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepLR: gamma must be finite and >= 0, got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    protected double lrAt(int epoch) {
        return baseLr * Math.pow(gamma, epoch / stepSize);
    }
}
