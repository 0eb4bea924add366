package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/** Central finite differences in FLOAT64, compared with the gradients backward() produced. */
final class NumericGradient {
    private static final double EPS = 1e-6;

    private NumericGradient() {
    }

    /** Runs backward once on a fresh loss, then checks every element of every leaf's gradient. */
    static void check(Supplier<Variable> loss, List<Variable> leaves) {
        leaves.forEach(Variable::zeroGrad);
        loss.get().backward();
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            Variable v = leaves.get(leaf);
            assertNotNull(v.grad(), "leaf " + leaf + " received no gradient");
            double[] analytic = v.grad().toDoubleArray();
            double[] numeric = numeric(loss, v.data());
            for (int i = 0; i < numeric.length; i++) {
                assertEquals(numeric[i], analytic[i], 1e-5 + 1e-3 * Math.abs(numeric[i]),
                        "d loss / d leaf " + leaf + " element " + i);
            }
        }
    }

    /** d loss / d t for every element of t (contiguous), in t's row-major order; t is restored after each nudge. */
    static double[] numeric(Supplier<Variable> loss, Tensor t) {
        Tensor flat = t.reshape(-1);
        double[] numeric = new double[flat.numel()];
        for (int i = 0; i < numeric.length; i++) {
            double original = flat.get(i);
            flat.set(original + EPS, i);
            double plus = loss.get().item();
            flat.set(original - EPS, i);
            double minus = loss.get().item();
            flat.set(original, i);
            numeric[i] = (plus - minus) / (2 * EPS);
        }
        return numeric;
    }
}
