package dev.tensorgrad.nn.optim;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/**
 * Adam with torch.optim.Adam's semantics. At step t, for each parameter w with gradient g:
 *
 * <pre>
 *   g = g + weightDecay * w                  (Adam: L2 penalty in the gradient)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   w = w - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * t counts the steps at which this parameter had a gradient; a parameter without one is skipped
 * and its t does not advance, as in PyTorch.
 *
 * {@link AdamW} replaces the L2 term by decoupled decay, w = w - lr * weightDecay * w, applied
 * before the update.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Tensor[] m;
    private final Tensor[] v;
    // Each parameter counts its own steps, as PyTorch's state['step']: a parameter that first
    // gets a gradient at the optimizer's tenth step is at its own step 1, and bias-corrects so.
    private final int[] steps;

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Variable> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * Adam with every option.
     *
     * @throws IllegalArgumentException if a beta is outside [0, 1) or eps or weightDecay is negative
     */
    public Adam(List<Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(List<Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": need betas in [0, 1) and eps, weightDecay"
                    + " >= 0, got betas (" + beta1 + ", " + beta2 + "), eps " + eps + ", weightDecay " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new Tensor[this.params.size()];
        this.v = new Tensor[this.params.size()];
        this.steps = new int[this.params.size()];
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            if (p.grad() == null) {
                continue;
            }
            Tensor w = p.data();
            Tensor g = p.grad();
            if (weightDecay != 0) {
                if (decoupled) {
                    w.mulInPlace(1 - lr() * weightDecay);
                } else {
                    g = g.add(w.mul(weightDecay));
                }
            }
            if (m[i] == null) {
                m[i] = Tensor.zerosLike(w);
                v[i] = Tensor.zerosLike(w);
            }
            int t = ++steps[i];
            double biasCorrection1 = 1 - Math.pow(beta1, t);
            double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
            m[i].mulInPlace(beta1).addScaledInPlace(1 - beta1, g);
            v[i].mulInPlace(beta2).addScaledInPlace(1 - beta2, g.mul(g));
            Tensor denominator = v[i].sqrt().div(biasCorrection2Sqrt).add(eps);
            w.addScaledInPlace(-lr() / biasCorrection1, m[i].div(denominator));
        }
    }
}
