package dev.tensorgrad.nn;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * Weight initialisation schemes, each drawing from an explicit seeded {@link Rng} so that a run is
 * reproducible. Elements are drawn in row-major order.
 */
public final class Init {
    private Init() {
    }

    /** Uniform in [-bound, bound). */
    public static Tensor uniform(Rng rng, double bound, DType dtype, int... shape) {
        return Tensor.uniform(rng, -bound, bound, dtype, shape);
    }

    /**
     * PyTorch's default for Linear and RNN weights and biases: uniform in ±1/sqrt(fanIn). (PyTorch
     * reaches the same bound for Linear through kaiming_uniform with a = sqrt(5).)
     *
     * @throws IllegalArgumentException if fanIn is not positive
     */
    public static Tensor pytorchDefault(Rng rng, int fanIn, DType dtype, int... shape) {
        checkFan("pytorchDefault", fanIn);
        return uniform(rng, 1.0 / Math.sqrt(fanIn), dtype, shape);
    }

    /**
     * Xavier/Glorot uniform: bound sqrt(6 / (fanIn + fanOut)), keeping activation variance
     * roughly constant through tanh-like layers.
     *
     * @throws IllegalArgumentException if fanIn + fanOut is not positive
     */
    public static Tensor xavierUniform(Rng rng, int fanIn, int fanOut, DType dtype, int... shape) {
        checkFan("xavierUniform", fanIn + fanOut);
        return uniform(rng, Math.sqrt(6.0 / (fanIn + fanOut)), dtype, shape);
    }

    /**
     * Xavier/Glorot normal: standard deviation sqrt(2 / (fanIn + fanOut)).
     *
     * @throws IllegalArgumentException if fanIn + fanOut is not positive
     */
    public static Tensor xavierNormal(Rng rng, int fanIn, int fanOut, DType dtype, int... shape) {
        checkFan("xavierNormal", fanIn + fanOut);
        return Tensor.randn(rng, dtype, shape).mul(Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /**
     * Kaiming/He uniform for ReLU layers: bound sqrt(6 / fanIn), i.e. gain sqrt(2) times
     * sqrt(3 / fanIn), which keeps the variance of ReLU activations constant with depth.
     *
     * @throws IllegalArgumentException if fanIn is not positive
     */
    public static Tensor kaimingUniform(Rng rng, int fanIn, DType dtype, int... shape) {
        checkFan("kaimingUniform", fanIn);
        return uniform(rng, Math.sqrt(6.0 / fanIn), dtype, shape);
    }

    /**
     * Kaiming/He normal for ReLU layers: standard deviation sqrt(2 / fanIn).
     *
     * @throws IllegalArgumentException if fanIn is not positive
     */
    public static Tensor kaimingNormal(Rng rng, int fanIn, DType dtype, int... shape) {
        checkFan("kaimingNormal", fanIn);
        return Tensor.randn(rng, dtype, shape).mul(Math.sqrt(2.0 / fanIn));
    }

    private static void checkFan(String op, int fan) {
        if (fan <= 0) {
            throw new IllegalArgumentException(op + ": fan must be positive, got " + fan);
        }
    }
}
