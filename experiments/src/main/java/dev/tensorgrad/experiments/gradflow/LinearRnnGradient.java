package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Nonlinearity;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.nn.StepGradients;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The homework's closed form (1e) for an RNN without a nonlinearity, h_t = W_h h_{t-1} + W_x x_t + b,
 * with head y_hat = W_f h_T + b_f and squared error on one example at the last step only:
 * dL/dh_t = 2 (y_hat - y) W_f (W_h)^(T-t), a row vector. (Column-wise, dL/dh_t = (W_h^T)^(T-t) dL/dh_T,
 * since dh_{t+1}/dh_t = W_h.) Computed here with plain loops, and compared with what autograd
 * delivers to hooks on the composed RNN's h_t and to the fused RNN's {@link StepGradients}.
 */
public final class LinearRnnGradient {
    private LinearRnnGradient() {
    }

    /**
     * How far autograd is from the closed form: the largest over t of
     * ||autograd dL/dh_t - closed form|| / ||closed form||.
     *
     * @param hooks the composed RNN, read through a hook on every h_t
     * @param fused the fused RNN's per-step gradients
     */
    public record Agreement(double hooks, double fused) {
        /** The worse of the two. */
        public double max() {
            return Math.max(hooks, fused);
        }
    }

    /**
     * Builds a linear FLOAT64 RNN with W_h = rho Q (Q random orthogonal) and a random head, runs one
     * random sequence of {@code steps} inputs with a random target at the last step, and compares
     * autograd's dL/dh_t with the closed form for every t.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Agreement check(int hidden, int steps, double rho, Rng rng) {
        RNN rnn = new RNN(1, hidden, Nonlinearity.NONE, 1, true, DType.FLOAT64, rng.fork());
        rnn.weightHh(0).data().copyFrom(OrthogonalRecurrence.withSpectralRadius(
                OrthogonalRecurrence.randomOrthogonal(hidden, rng.fork()), rho));
        Linear head = new Linear(hidden, 1, true, DType.FLOAT64, rng.fork());
        Variable x = Variable.constant(Tensor.uniform(rng, -1, 1, DType.FLOAT64, 1, steps, 1));
        Variable y = Variable.constant(Tensor.uniform(rng, -1, 1, DType.FLOAT64, 1, 1));

        RNN.Result composed = rnn.forwardComposed(x, null);
        List<Tensor> hooked = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            hooked.add(null);
        }
        for (int t = 0; t < steps; t++) {
            int step = t;
            composed.hidden().get(0).get(t).registerHook(g -> {
                hooked.set(step, g.copy());
                return null;
            });
        }
        Variable yHat = head.forward(composed.output().select(1, steps - 1));
        squaredError(yHat, y).backward();

        StepGradients recorded = new StepGradients();
        squaredError(head.forward(rnn.forward(x, null, recorded).output().select(1, steps - 1)), y).backward();

        double[][] expected = closedForm(2 * (yHat.item() - y.data().item()),
                head.weight().data().toDoubleArray(), rnn.weightHh(0).data().toDoubleMatrix(), steps);
        double hooks = 0;
        double fused = 0;
        for (int t = 0; t < steps; t++) {
            hooks = Math.max(hooks, relativeError(hooked.get(t).toDoubleArray(), expected[t]));
            fused = Math.max(fused, relativeError(recorded.get(0, t).toDoubleArray(), expected[t]));
        }
        return new Agreement(hooks, fused);
    }

    /**
     * dL/dh_t = e W_f (W_h)^(T-t) for t = 1..T (index t-1), with e = 2 (y_hat - y): start from
     * e W_f at t = T and multiply by W_h on the right once per step back.
     *
     * @param e  2 (y_hat - y)
     * @param wf W_f as a row [H]
     * @param wh W_h [H][H]
     */
    public static double[][] closedForm(double e, double[] wf, double[][] wh, int steps) {
        int h = wf.length;
        double[][] grads = new double[steps][];
        double[] row = new double[h];
        for (int j = 0; j < h; j++) {
            row[j] = e * wf[j];
        }
        for (int t = steps - 1; t >= 0; t--) {
            grads[t] = row;
            double[] next = new double[h];
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < h; i++) {
                    next[j] += row[i] * wh[i][j];
                }
            }
            row = next;
        }
        return grads;
    }

    private static Variable squaredError(Variable yHat, Variable y) {
        Variable d = yHat.sub(y);
        return d.mul(d).sum();
    }

    private static double relativeError(double[] actual, double[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }
}
