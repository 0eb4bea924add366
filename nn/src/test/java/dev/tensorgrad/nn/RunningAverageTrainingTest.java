package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.optim.Adam;
import dev.tensorgrad.nn.optim.Optimizer;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Homework 1(c): an RNN with a linear head learns to output the running average of its inputs. */
class RunningAverageTrainingTest {
    private static final int BATCH = 32;
    private static final int STEPS = 10;

    /** Inputs x [B, T, 1] uniform in [-1, 1) and targets y_t = mean(x_1..x_t). */
    private static Tensor[] batch(Rng rng) {
        Tensor x = Tensor.uniform(rng, -1, 1, DType.FLOAT32, BATCH, STEPS, 1);
        Tensor y = Tensor.zeros(DType.FLOAT32, BATCH, STEPS, 1);
        for (int b = 0; b < BATCH; b++) {
            double sum = 0;
            for (int t = 0; t < STEPS; t++) {
                sum += x.get(b, t, 0);
                y.set(sum / (t + 1), b, t, 0);
            }
        }
        return new Tensor[] {x, y};
    }

    @Test
    void rnnLearnsTheRunningAverageToLowError() {
        Rng rng = new Rng(2024);
        RNN rnn = new RNN(1, 16, Nonlinearity.TANH, 1, true, DType.FLOAT32, rng);
        Linear head = new Linear(16, 1, true, DType.FLOAT32, rng);
        List<Variable> params = new ArrayList<>(rnn.parameters());
        params.addAll(head.parameters());
        Optimizer opt = new Adam(params, 0.01);
        MSELoss mse = new MSELoss();
        double loss = Double.NaN;
        for (int step = 0; step < 400; step++) {
            Tensor[] data = batch(rng);
            opt.zeroGrad();
            Variable l = mse.forward(head.forward(rnn.forward(Variable.constant(data[0])).output()), Variable.constant(data[1]));
            l.backward();
            opt.step();
        }
        Tensor[] heldOut = batch(new Rng(99));
        loss = mse.forward(head.forward(rnn.forward(Variable.constant(heldOut[0])).output()),
                Variable.constant(heldOut[1])).item();
        assertTrue(loss < 0.01, "held-out MSE after 400 steps: " + loss);
    }
}
