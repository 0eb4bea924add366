package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;

import java.util.Locale;

/**
 * The two recurrent weight matrices the experiment sweeps, each with every eigenvalue and every
 * singular value of magnitude exactly rho, so the linear RNN's gradient shrinks or grows by exactly
 * rho per step in both: ||dL/dh_t|| = rho^(T-t) ||dL/dh_T||. They differ only in whether W_h mixes
 * units, which is what decides how often ReLU switches a unit off.
 */
public enum RecurrenceFamily {
    /**
     * W_h = rho Q with Q a random orthogonal matrix: every step rotates the state, mixing signs across
     * units, so which units ReLU zeroes changes from step to step.
     */
    ROTATION,
    /**
     * W_h = rho I: every unit feeds only itself, so a unit whose state is positive stays positive
     * unless its own input drive pushes it below zero, and ReLU leaves it switched on.
     */
    IDENTITY;

    /**
     * The recurrent weight of this family with spectral radius rho, FLOAT64 [n, n].
     *
     * @param orthogonal the random orthogonal Q [n, n] the rotation family scales (its size sets n for both)
     * @throws IllegalArgumentException if {@code orthogonal} is not square
     */
    public Tensor weight(Tensor orthogonal, double rho) {
        if (orthogonal.rank() != 2 || orthogonal.size(0) != orthogonal.size(1)) {
            throw new IllegalArgumentException("RecurrenceFamily.weight: Q must be square, got "
                    + Shape.format(orthogonal.shape()));
        }
        return switch (this) {
            case ROTATION -> OrthogonalRecurrence.withSpectralRadius(orthogonal, rho);
            case IDENTITY -> Tensor.eye(orthogonal.size(0), DType.FLOAT64).mul(rho);
        };
    }

    /** The lower-case name used in metric keys and file names, e.g. {@code rotation}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the report writes this family's matrix, e.g. {@code W_h = rho Q}. */
    public String formula() {
        return this == ROTATION ? "W_h = rho Q" : "W_h = rho I";
    }
}
