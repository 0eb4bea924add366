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
            Tensor flat = v.data().reshape(-1);
            double[] analytic = v.grad().toDoubleArray();
            for (int i = 0; i < flat.numel(); i++) {
                double original = flat.get(i);
                flat.set(original + EPS, i);
                double plus = loss.get().item();
                flat.set(original - EPS, i);
                double minus = loss.get().item();
                flat.set(original, i);
                double numeric = (plus - minus) / (2 * EPS);
                assertEquals(numeric, analytic[i], 1e-5 + 1e-3 * Math.abs(numeric),
                        "d loss / d leaf " + leaf + " element " + i);
            }
        }
    }
}
