package dev.tensorgrad.nn.optim;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/** Gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales every gradient by maxNorm / (total + 1e-6) when the total L2 norm of all gradients
     * together exceeds maxNorm, so the direction is kept and the step bounded (exploding
     * gradients in RNNs). Parameters without a gradient are skipped.
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
                Tensor g = p.grad();
                sumSquares += g.mul(g).sum().item();
            }
        }
        double total = Math.sqrt(sumSquares);
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1) {
            for (Variable p : params) {
                if (p.grad() != null) {
                    p.grad().mulInPlace(coefficient);
                }
            }
        }
        return total;
    }
}
