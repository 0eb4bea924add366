package dev.tensorgrad.nn.optim;

import dev.tensorgrad.autograd.Variable;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as torch.optim.AdamW: each step first
 * shrinks w by w = w - lr * weightDecay * w, then applies the Adam update to the raw gradient.
 */
public final class AdamW extends Adam {
    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public AdamW(List<Variable> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /**
     * AdamW with every option.
     *
     * @throws IllegalArgumentException if a beta is outside [0, 1) or eps or weightDecay is negative
     */
    public AdamW(List<Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
