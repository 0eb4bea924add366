package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.gradflow.GradientTrace.Loss;
import dev.tensorgrad.experiments.rnnbasics.RunningAverage;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Nonlinearity;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientTraceTest {
    private static final int HIDDEN = 6;
    private static final int STEPS = 9;
    private static final RunningAverage DATA = RunningAverage.generate(3, STEPS, DType.FLOAT64, new Rng(5));

    private static RNN rnn(Nonlinearity act, RecurrenceFamily family, double rho) {
        RNN rnn = new RNN(1, HIDDEN, act, 1, true, DType.FLOAT64, new Rng(7));
        rnn.weightHh(0).data().copyFrom(family.weight(OrthogonalRecurrence.randomOrthogonal(HIDDEN, new Rng(8)), rho));
        return rnn;
    }

    private static Linear head() {
        return new Linear(HIDDEN, 1, true, DType.FLOAT64, new Rng(9));
    }

    @Test
    void linearRnnWithScaledIdentityScalesTheGradientByRhoPerStepBack() {
        double rho = 1.3;
        GradientTrace trace = GradientTrace.measure(rnn(Nonlinearity.NONE, RecurrenceFamily.IDENTITY, rho), head(),
                DATA, Loss.LAST_TARGET_ONLY);
        double last = trace.gradNorm()[STEPS - 1];
        for (int t = 0; t < STEPS; t++) {
            double expected = Math.pow(rho, STEPS - 1 - t) * last;
            assertEquals(expected, trace.gradNorm()[t], 1e-12 * expected, "t = " + t);
        }
        assertEquals(Math.pow(rho, STEPS - 1), trace.ratio(), 1e-12 * Math.pow(rho, STEPS - 1));
    }

    @Test
    void lastTermOfTheAllStepsLossGivesTheLastTargetOnlyGradientOverT() {
        RNN rnn = rnn(Nonlinearity.TANH, RecurrenceFamily.ROTATION, 1.2);
        GradientTrace lastOnly = GradientTrace.measure(rnn, head(), DATA, Loss.LAST_TARGET_ONLY);
        GradientTrace lastTerm = GradientTrace.measure(rnn, head(), DATA, Loss.LAST_TERM_OF_ALL_STEPS);
        for (int t = 0; t < STEPS; t++) {
            double expected = lastOnly.gradNorm()[t] / STEPS;
            assertEquals(expected, lastTerm.gradNorm()[t], 1e-12 * expected, "t = " + t);
        }
    }

    @Test
    void allStepsLossGivesTheLastStateTheSameGradientAsTheLastTermAlone() {
        // Nothing comes after h_T, so only L_T reaches it.
        RNN rnn = rnn(Nonlinearity.RELU, RecurrenceFamily.ROTATION, 0.9);
        double all = GradientTrace.measure(rnn, head(), DATA, Loss.ALL_STEPS).gradNorm()[STEPS - 1];
        double lastTerm = GradientTrace.measure(rnn, head(), DATA, Loss.LAST_TERM_OF_ALL_STEPS).gradNorm()[STEPS - 1];
        assertEquals(lastTerm, all, 1e-12 * lastTerm);
    }

    @Test
    void reluWithEveryUnitOnHasTheLinearRnnsGradients() {
        RNN relu = rnn(Nonlinearity.RELU, RecurrenceFamily.IDENTITY, 1.1);
        RNN linear = rnn(Nonlinearity.NONE, RecurrenceFamily.IDENTITY, 1.1);
        // A bias larger than any |W_x x_t| keeps every pre-activation positive, so ReLU never switches a unit off.
        relu.biasIh(0).data().fill(5);
        linear.biasIh(0).data().fill(5);
        GradientTrace r = GradientTrace.measure(relu, head(), DATA, Loss.LAST_TARGET_ONLY);
        GradientTrace l = GradientTrace.measure(linear, head(), DATA, Loss.LAST_TARGET_ONLY);
        assertArrayEquals(l.gradNorm(), r.gradNorm(), 1e-12);
        assertEquals(1.0, r.meanActiveFraction(), 0);
    }

    @Test
    void tracesTheLargestStateMagnitudeAndTheFractionOfPositiveUnitsAtEachStep() {
        RNN rnn = rnn(Nonlinearity.RELU, RecurrenceFamily.ROTATION, 1.0);
        GradientTrace trace = GradientTrace.measure(rnn, head(), DATA, Loss.LAST_TARGET_ONLY);
        Tensor h = rnn.forward(Variable.constant(DATA.x())).output().data();
        int batch = DATA.size();
        for (int t = 0; t < STEPS; t++) {
            double max = 0;
            int on = 0;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < HIDDEN; j++) {
                    double v = h.get(b, t, j);
                    max = Math.max(max, Math.abs(v));
                    on += v > 0 ? 1 : 0;
                }
            }
            assertEquals(max, trace.hiddenMax()[t], 0, "t = " + t);
            assertEquals((double) on / (batch * HIDDEN), trace.activeFraction()[t], 0, "t = " + t);
        }
    }
}
