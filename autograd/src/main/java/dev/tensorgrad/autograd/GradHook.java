package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;

/** A function called with a variable's gradient during backward (see {@link Variable#registerHook}). */
@FunctionalInterface
public interface GradHook {
    /** Sees the gradient; returns a replacement, or null to leave it unchanged. */
    Tensor onGradient(Tensor gradient);
}
