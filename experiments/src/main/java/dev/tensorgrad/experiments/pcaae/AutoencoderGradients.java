package dev.tensorgrad.experiments.pcaae;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;

/**
 * The staff solution's closed-form gradients of the linear autoencoder loss
 * {@code L(W1, W2) = ||X - W2 W1 X||_F^2} (homework 3b(i)), for X [m, n], W1 [k, m], W2 [m, k]:
 * <pre>
 *   dL/dW2 = 2 (W2 W1 - I) X X^T W1^T        [m, k]
 *   dL/dW1 = 2 W2^T (W2 W1 - I) X X^T        [k, m]
 * </pre>
 * Both vanish at a minimum; these are the first-order optimality conditions.
 */
public final class AutoencoderGradients {

    private AutoencoderGradients() {
    }

    /** dL/dW2 = 2 (W2 W1 - I) X X^T W1^T, shape [m, k]. */
    public static Tensor decoder(Tensor x, Tensor w1, Tensor w2) {
        return residualOperator(w1, w2).matmul(x.matmul(x.t())).matmul(w1.t()).mul(2.0);
    }

    /** dL/dW1 = 2 W2^T (W2 W1 - I) X X^T, shape [k, m]. */
    public static Tensor encoder(Tensor x, Tensor w1, Tensor w2) {
        return w2.t().matmul(residualOperator(w1, w2)).matmul(x.matmul(x.t())).mul(2.0);
    }

    /** W2 W1 - I, the [m, m] map from a sample to its reconstruction error. */
    private static Tensor residualOperator(Tensor w1, Tensor w2) {
        return w2.matmul(w1).sub(Tensor.eye(w2.size(0), DType.FLOAT64));
    }
}
