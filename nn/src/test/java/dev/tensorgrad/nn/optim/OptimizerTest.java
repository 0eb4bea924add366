package dev.tensorgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each optimizer runs three steps; the expected weights are replayed by hand from the formulas. */
class OptimizerTest {
    private static final double[] W0 = {1.0, -2.0};
    private static final double[][] GRADS = {{0.5, -1.0}, {0.2, 0.4}, {-0.3, 0.1}};

    /** Three steps of the optimizer, with gradient GRADS[t] at step t (from a loss sum(w * c)). */
    private static double[] run(Function<List<Variable>, Optimizer> make) {
        Variable w = Variable.param(Tensor.of(W0.clone()));
        Optimizer opt = make.apply(List.of(w));
        for (double[] g : GRADS) {
            opt.zeroGrad();
            w.mul(Variable.constant(Tensor.of(g))).sum().backward();
            opt.step();
        }
        return w.data().toDoubleArray();
    }

    private static double[] sgdByHand(double lr, double momentum, double dampening, double wd, boolean nesterov) {
        double[] w = W0.clone();
        double[] buf = new double[2];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t][i] + wd * w[i];
                if (momentum != 0) {
                    buf[i] = t == 0 ? g : momentum * buf[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buf[i] : buf[i];
                }
                w[i] -= lr * g;
            }
        }
        return w;
    }

    private static double[] adamByHand(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] w = W0.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t - 1][i];
                if (decoupled) {
                    w[i] *= 1 - lr * wd;
                } else {
                    g += wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        assertArrayEquals(sgdByHand(0.1, 0, 0, 0, false), run(p -> new SGD(p, 0.1)), 1e-15);
    }

    @Test
    void sgdMomentumStartsTheBufferAtTheFirstGradient() {
        assertArrayEquals(sgdByHand(0.1, 0.9, 0, 0, false), run(p -> new SGD(p, 0.1, 0.9, 0, 0, false)), 1e-15);
    }

    @Test
    void sgdDampeningScalesNewGradientsAfterTheFirst() {
        assertArrayEquals(sgdByHand(0.1, 0.9, 0.3, 0, false), run(p -> new SGD(p, 0.1, 0.9, 0.3, 0, false)), 1e-15);
    }

    @Test
    void sgdWeightDecayIsAddedToTheGradientBeforeMomentum() {
        assertArrayEquals(sgdByHand(0.1, 0.9, 0, 0.05, false), run(p -> new SGD(p, 0.1, 0.9, 0, 0.05, false)), 1e-15);
        assertArrayEquals(sgdByHand(0.1, 0, 0, 0.05, false), run(p -> new SGD(p, 0.1, 0, 0, 0.05, false)), 1e-15);
    }

    @Test
    void sgdNesterovLooksAheadAlongTheBuffer() {
        assertArrayEquals(sgdByHand(0.1, 0.9, 0, 0.01, true), run(p -> new SGD(p, 0.1, 0.9, 0, 0.01, true)), 1e-15);
    }

    @Test
    void sgdNesterovWithoutMomentumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1, 0, 0, 0, true));
    }

    @Test
    void adamAppliesBiasCorrection() {
        assertArrayEquals(adamByHand(0.01, 0.9, 0.999, 1e-8, 0, false), run(p -> new Adam(p, 0.01)), 1e-14);
    }

    @Test
    void adamWeightDecayIsAnL2TermInTheGradient() {
        assertArrayEquals(adamByHand(0.01, 0.8, 0.99, 1e-6, 0.1, false),
                run(p -> new Adam(p, 0.01, 0.8, 0.99, 1e-6, 0.1)), 1e-14);
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        assertArrayEquals(adamByHand(0.01, 0.9, 0.999, 1e-8, 0.1, true),
                run(p -> new AdamW(p, 0.01, 0.9, 0.999, 1e-8, 0.1)), 1e-14);
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Variable w = Variable.param(Tensor.of(W0.clone()));
        new Adam(List.of(w), 0.1).step();
        assertArrayEquals(W0, w.data().toDoubleArray());
    }

    @Test
    void clipGradNormScalesToMaxNormAndReturnsTheTotal() {
        Variable a = Variable.param(Tensor.of(0.0, 0.0));
        Variable b = Variable.param(Tensor.of(0.0));
        a.mul(Variable.constant(Tensor.of(3.0, 0.0))).sum().add(b.mul(Variable.constant(Tensor.of(4.0))).sum()).backward();
        double total = GradClip.clipGradNorm(List.of(a, b), 1.0);
        assertEquals(5.0, total, 1e-15);
        double scale = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 0}, a.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {4 * scale}, b.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void clipGradNormLeavesSmallGradientsUnchanged() {
        Variable a = Variable.param(Tensor.of(0.0, 0.0));
        a.mul(Variable.constant(Tensor.of(0.3, 0.4))).sum().backward();
        assertEquals(0.5, GradClip.clipGradNorm(List.of(a), 1.0), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void stepLrMultipliesByGammaEveryStepSizeEpochs() {
        SGD opt = new SGD(List.of(), 1.0);
        StepLR schedule = new StepLR(opt, 2, 0.5);
        double[] seen = new double[5];
        for (int e = 0; e < 5; e++) {
            schedule.step();
            seen[e] = opt.lr();
        }
        assertArrayEquals(new double[] {1.0, 0.5, 0.5, 0.25, 0.25}, seen, 1e-15);
    }

    @Test
    void cosineAnnealingReachesEtaMinAtTMax() {
        SGD opt = new SGD(List.of(), 1.0);
        CosineAnnealingLR schedule = new CosineAnnealingLR(opt, 4, 0.1);
        schedule.step();
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, opt.lr(), 1e-15);
        schedule.step();
        assertEquals(0.55, opt.lr(), 1e-15);
        schedule.step();
        schedule.step();
        assertEquals(0.1, opt.lr(), 1e-15);
    }

    /**
     * Two steps of opt over p and q (both 1.0): at the first only q has a gradient (loss q), at
     * the second the loss is q - 2p. Returns p after both steps.
     */
    private static double lateParameterAfterTwoSteps(Function<List<Variable>, Optimizer> make) {
        Variable p = Variable.param(Tensor.full(1.0, DType.FLOAT64, 1));
        Variable q = Variable.param(Tensor.full(1.0, DType.FLOAT64, 1));
        Optimizer opt = make.apply(List.of(p, q));
        q.sum().backward();
        opt.step();
        opt.zeroGrad();
        q.sum().sub(p.sum().mul(2)).backward();
        opt.step();
        return p.data().item();
    }

    @Test
    void adamBiasCorrectsEachParameterByItsOwnStepCount() {
        // p's first update is its own step 1, where m / (1 - beta1) = g and v / (1 - beta2) = g^2:
        // w = w - lr * g / (|g| + eps), with g = -2.
        assertEquals(1 + 0.1 * 2 / (2 + 1e-8), lateParameterAfterTwoSteps(ps -> new Adam(ps, 0.1)), 1e-15);
    }

    @Test
    void adamWBiasCorrectsEachParameterByItsOwnStepCount() {
        // Decay comes first and only at p's own step: w = 1 - lr * wd, then the Adam step of 0.1.
        double expected = (1 - 0.1 * 0.01) + 0.1 * 2 / (2 + 1e-8);
        assertEquals(expected, lateParameterAfterTwoSteps(ps -> new AdamW(ps, 0.1)), 1e-15);
    }

    @Test
    void aParameterListedTwiceIsRejected() {
        Variable w = Variable.param(Tensor.of(W0.clone()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(w, w), 0.1));
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(w, w), 0.1));
    }

    @Test
    void sgdRejectsNaNCoefficients() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1, Double.NaN, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1, 0.9, Double.NaN, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1, 0.9, 0, Double.NaN, false));
    }

    @Test
    void stepLrRejectsANegativeOrNaNGamma() {
        SGD opt = new SGD(List.of(), 1.0);
        assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 2, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 2, Double.NaN));
    }

    @Test
    void cosineAnnealingRejectsANegativeOrNaNEtaMin() {
        SGD opt = new SGD(List.of(), 1.0);
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(opt, 4, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(opt, 4, Double.NaN));
    }

    @Test
    void clipGradNormSquaresFloat32GradientsWithoutOverflow() {
        Variable a = Variable.param(Tensor.of(new float[] {0f, 0f}, 2));
        a.mul(Variable.constant(Tensor.of(new float[] {3e20f, 4e20f}, 2))).sum().backward();
        double total = GradClip.clipGradNorm(List.of(a), 1.0);
        double exact = Math.hypot((double) 3e20f, (double) 4e20f);
        assertEquals(exact, total, exact * 1e-15);
        float[] clipped = a.grad().toFloatArray();
        assertEquals((float) (3e20f / (exact + 1e-6)), clipped[0], 1e-7f);
        assertEquals((float) (4e20f / (exact + 1e-6)), clipped[1], 1e-7f);
    }

    @Test
    void clipGradNormLeavesGradientsAloneWhenTheNormIsNotFinite() {
        Variable a = Variable.param(Tensor.of(0.0, 0.0));
        a.mul(Variable.constant(Tensor.of(Double.POSITIVE_INFINITY, 2.0))).sum().backward();
        assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGradNorm(List.of(a), 1.0));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 2.0}, a.grad().toDoubleArray());
        Variable b = Variable.param(Tensor.of(0.0, 0.0));
        b.mul(Variable.constant(Tensor.of(Double.NaN, 2.0))).sum().backward();
        assertTrue(Double.isNaN(GradClip.clipGradNorm(List.of(b), 1.0)));
        assertArrayEquals(new double[] {Double.NaN, 2.0}, b.grad().toDoubleArray());
    }
}
