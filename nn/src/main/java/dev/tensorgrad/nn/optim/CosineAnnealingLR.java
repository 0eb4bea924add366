package dev.tensorgrad.nn.optim;

/**
 * Cosine annealing: lr = etaMin + (baseLr - etaMin) (1 + cos(pi epoch / tMax)) / 2, the closed
 * form of torch.optim.lr_scheduler.CosineAnnealingLR (which it equals while nothing else changes
 * the learning rate). After tMax epochs the cosine continues, rising again, as in PyTorch.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * Anneals from the optimizer's learning rate to etaMin over tMax epochs.
     *
     * @throws IllegalArgumentException if tMax is not positive, or etaMin is negative, NaN or
     *                                  infinite (a learning rate must be a finite number >= 0)
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be positive, got " + tMax);
        }
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("CosineAnnealingLR: etaMin must be finite and >= 0, got " + etaMin);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    protected double lrAt(int epoch) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
