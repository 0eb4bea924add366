package dev.tensorgrad.nn.optim;

import dev.tensorgrad.autograd.Variable;
import java.util.List;

/** Gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales every gradient by maxNorm / (total + 1e-6) when the total L2 norm of all gradients
     * together exceeds maxNorm, so the direction is kept and the step bounded (exploding
     * gradients in RNNs). Parameters without a gradient are skipped. The squares are summed in
     * double whatever the gradients' dtype, so float32 gradients of 1e20 give a norm of about 1e20,
     * not an overflow to infinity.
     *
     * <p>When the total norm is infinite or NaN there is no direction to keep: the gradients are
     * left unchanged and the non-finite total is returned for the caller to check (skip the step,
     * lower the learning rate). PyTorch, with its default error_if_nonfinite=False, does not raise
     * either, but multiplies by its 0 or NaN coefficient, which turns the gradients into zeros and
     * NaNs; leaving them as they were keeps the information about where the overflow happened.
     *
     * @return the total norm before clipping
     * @throws IllegalArgumentException if maxNorm is not positive
     */
    public static double clipGradNorm(List<Variable> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be positive, got " + maxNorm);
        }
        double sumSquares = 0;
        for (Variable p : params) {
            if (p.grad() != null) {
                for (double g : p.grad().toDoubleArray()) {
                    sumSquares += g * g;
                }
            }
        }
        double total = Math.sqrt(sumSquares);
        double coefficient = maxNorm / (total + 1e-6);
        if (Double.isFinite(total) && coefficient < 1) {
            for (Variable p : params) {
                if (p.grad() != null) {
                    p.grad().mulInPlace(coefficient);
                }
            }
        }
        return total;
    }
}
