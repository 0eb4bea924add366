package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;

/** A function called with a variable's gradient during backward (see {@link Variable#registerHook}). */
@FunctionalInterface
public interface GradHook {
    /**
     * Sees the gradient; returns a replacement of the same shape and dtype, or null to leave it
     * unchanged. It must not modify the gradient in place: other variables' gradients may share it.
     */
    Tensor onGradient(Tensor gradient);

    /** What {@link Variable#registerHook} returns: removes the hook again, like PyTorch's RemovableHandle. */
    @FunctionalInterface
    interface Handle {
        /** Stops the hook from being called; removing it twice does nothing. */
        void remove();
    }
}
