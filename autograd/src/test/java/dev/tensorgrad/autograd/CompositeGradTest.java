package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Whole models built from primitive ops get correct gradients for every parameter. */
class CompositeGradTest {
    @Test
    void twoLayerMlpWithSquaredErrorLoss() {
        Rng rng = new Rng(61);
        Variable x = Variable.constant(Inputs.randn(rng, 5, 3));
        Variable target = Variable.constant(Inputs.randn(rng, 5, 2));
        Tensor w1 = Inputs.randn(rng, 3, 4);
        Tensor b1 = Inputs.randn(rng, 4);
        Tensor w2 = Inputs.randn(rng, 4, 2);
        Tensor b2 = Inputs.randn(rng, 2);
        GradCheck.assertGradients(p -> {
            Variable hidden = x.matmul(p[0]).add(p[1]).tanh();
            Variable error = hidden.matmul(p[2]).add(p[3]).sub(target);
            return error.mul(error).mean();
        }, w1, b1, w2, b2);
    }

    /** Mean cross-entropy of logits [batch, classes] against class indices [batch, 1]. */
    private static Variable crossEntropy(Variable logits, Tensor labels) {
        return logits.logSoftmax(1).gather(1, labels).mean().neg();
    }

    @Test
    void softmaxCrossEntropyFromLogSoftmaxGatherAndMean() {
        Tensor logits = Inputs.randn(new Rng(62), 4, 3);
        Tensor labels = Tensor.of(new double[] {2, 0, 1, 2}, 4, 1);
        GradCheck.assertGradients(p -> crossEntropy(p[0], labels), logits);
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverBatchSize() {
        double[][] z = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}};
        int[] labels = {1, 2};
        Variable logits = Variable.param(Tensor.of(z));
        crossEntropy(logits, Tensor.of(new double[] {1, 2}, 2, 1)).backward();
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++) {
            double norm = 0;
            for (double v : z[i]) {
                norm += Math.exp(v);
            }
            for (int j = 0; j < 3; j++) {
                expected[i * 3 + j] = (Math.exp(z[i][j]) / norm - (j == labels[i] ? 1 : 0)) / 2;
            }
        }
        assertArrayEquals(expected, logits.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void fiveStepRnnBuiltFromPrimitiveOps() {
        Rng rng = new Rng(63);
        int steps = 5;
        Tensor xs = Inputs.randn(rng, steps, 2, 3); // [time, batch, input]
        Tensor w = Inputs.randn(rng, 3, 4).mul(0.5);
        Tensor wh = Inputs.randn(rng, 4, 4).mul(0.5);
        Tensor b = Inputs.randn(rng, 4);
        GradCheck.assertGradients(p -> {
            Variable h = Variable.constant(Tensor.zeros(xs.dtype(), 2, 4));
            for (int t = 0; t < steps; t++) {
                // h_t = tanh(x_t W + h_{t-1} W_h + b)
                h = p[0].select(0, t).matmul(p[1]).add(h.matmul(p[2])).add(p[3]).tanh();
            }
            return h.mul(h).sum();
        }, xs, w, wh, b);
    }
}
