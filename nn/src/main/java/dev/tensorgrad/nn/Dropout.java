package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the rest are
 * scaled by 1/(1-p), so the expected value is unchanged and evaluation needs no rescaling. In
 * evaluation mode it is the identity. The masks come from the generator given at construction.
 */
public final class Dropout extends Layer {
    private final double p;
    private final Rng rng;

    /**
     * Dropout with drop probability p.
     *
     * @throws IllegalArgumentException if p is outside [0, 1] or rng is null
     */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        // Checked here, not at the first training forward: in evaluation a null would go unnoticed until then.
        if (rng == null) {
            throw new IllegalArgumentException("Dropout: rng must not be null");
        }
        this.p = p;
        this.rng = rng;
    }

    /** {@code "p=0.5"}. */
    @Override
    protected String describe() {
        return "p=" + p;
    }

    /** x with a fresh random mask applied in training mode; x itself in evaluation mode. */
    @Override
    public Variable forward(Variable x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        double scale = p == 1 ? 0 : 1 / (1 - p);
        Tensor keep = Tensor.rand(rng, x.dtype(), x.shape()).ge(Tensor.scalar(p, x.dtype())).mul(scale);
        return x.mul(Variable.constant(keep));
    }
}
