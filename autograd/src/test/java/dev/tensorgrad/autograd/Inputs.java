package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.function.ToDoubleFunction;

/**
 * FLOAT64 test inputs for gradient checks, drawn from a seeded generator so every run sees the same
 * numbers, and from a domain that keeps them away from the points where an op is not
 * differentiable (0 for relu and abs, the negative axis for log and sqrt).
 */
final class Inputs {
    private Inputs() {
    }

    /** Where the values of an input are drawn from. */
    enum Domain {
        /** Standard normal. */
        ANY(rng -> rng.nextGaussian()),
        /** Uniform in [0.5, 2): safe for log, sqrt, division and fractional powers. */
        POSITIVE(rng -> rng.uniform(0.5, 2)),
        /** +-[0.2, 2): safe for relu, abs and as a divisor. */
        AWAY_FROM_ZERO(rng -> (rng.nextDouble() < 0.5 ? -1 : 1) * rng.uniform(0.2, 2));

        private final ToDoubleFunction<Rng> sampler;

        Domain(ToDoubleFunction<Rng> sampler) {
            this.sampler = sampler;
        }

        double sample(Rng rng) {
            return sampler.applyAsDouble(rng);
        }
    }

    /** A FLOAT64 tensor of the given shape with values from domain. */
    static Tensor random(Rng rng, Domain domain, int... shape) {
        int n = 1;
        for (int size : shape) {
            n *= size;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = domain.sample(rng);
        }
        return Tensor.of(values, shape);
    }

    /** Standard normal FLOAT64 values of the given shape. */
    static Tensor randn(Rng rng, int... shape) {
        return Tensor.randn(rng, DType.FLOAT64, shape);
    }

    /**
     * How the [rows, cols] operand an op sees is laid out in memory. Gradcheck copies its inputs
     * contiguously, so each layout is made inside the checked function with a differentiable view;
     * the op under test then reads, and its backward produces a gradient for, that layout.
     */
    enum Layout {
        /** Row-major without gaps. */
        CONTIGUOUS,
        /** The transpose of a [cols, rows] tensor (strides [1, rows]). */
        TRANSPOSED,
        /** Every other column, starting at column 1, of a [rows, 2 cols + 1] tensor. */
        STRIDED,
        /** One [cols] row expanded to [rows, cols] with stride 0: every element feeds `rows` outputs. */
        BROADCAST;

        /** The tensor gradcheck perturbs; {@link #view} turns it into the [rows, cols] operand. */
        Tensor raw(Rng rng, Domain domain, int rows, int cols) {
            return switch (this) {
                case CONTIGUOUS -> random(rng, domain, rows, cols);
                case TRANSPOSED -> random(rng, domain, cols, rows);
                case STRIDED -> random(rng, domain, rows, 2 * cols + 1);
                case BROADCAST -> random(rng, domain, cols);
            };
        }

        /** The [rows, cols] operand, as a differentiable view of the raw variable. */
        Variable view(Variable raw, int rows, int cols) {
            return switch (this) {
                case CONTIGUOUS -> raw;
                case TRANSPOSED -> raw.t();
                case STRIDED -> raw.slice(1, 1, 2 * cols + 1, 2);
                case BROADCAST -> raw.expand(rows, cols);
            };
        }
    }
}
