package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossTest {
    private static final double[][] LOGITS = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}, {0.2, 0.1, -0.4}, {5.0, -2.0, 1.0}};
    private static final int[] TARGETS = {1, 2, 0, 2};

    @Test
    void mseMeanSumAndNone() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0, 4.0));
        Variable y = Variable.constant(Tensor.of(0.0, 2.0, 1.0));
        assertEquals(10.0 / 3, new MSELoss().forward(x, y).item(), 1e-15);
        assertEquals(10.0, new MSELoss(Reduction.SUM).forward(x, y).item(), 1e-15);
        assertArrayEquals(new double[] {1, 0, 9}, new MSELoss(Reduction.NONE).forward(x, y).data().toDoubleArray());
    }

    @Test
    void mseMeanGradientIsTwoDiffOverN() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0, 4.0));
        new MSELoss().forward(x, Variable.constant(Tensor.of(0.0, 2.0, 1.0))).backward();
        assertArrayEquals(new double[] {2.0 / 3, 0, 2.0}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void mseRejectsShapeMismatch() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(
                Variable.constant(Tensor.zeros(3, 1)), Variable.constant(Tensor.zeros(3))));
        assertEquals("MSELoss: input [3, 1] and target [3] must have the same shape", e.getMessage());
    }

    @Test
    void crossEntropyMatchesNegativeLogSoftmax() {
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected -= ReferenceSoftmax.logSoftmax(LOGITS[i], TARGETS[i]);
        }
        Variable logits = Variable.constant(Tensor.of(LOGITS));
        assertEquals(expected / 4, new CrossEntropyLoss().forward(logits, TARGETS).item(), 1e-14);
        assertEquals(expected, new CrossEntropyLoss(Reduction.SUM, null).forward(logits, TARGETS).item(), 1e-14);
        assertEquals(-ReferenceSoftmax.logSoftmax(LOGITS[3], 2),
                new CrossEntropyLoss(Reduction.NONE, null).forward(logits, TARGETS).data().get(3), 1e-14);
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverN() {
        Variable logits = Variable.param(Tensor.of(LOGITS));
        new CrossEntropyLoss().forward(logits, TARGETS).backward();
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 3; k++) {
                double expected = (Math.exp(ReferenceSoftmax.logSoftmax(LOGITS[i], k)) - (k == TARGETS[i] ? 1 : 0)) / 4;
                assertEquals(expected, logits.grad().get(i, k), 1e-14);
            }
        }
    }

    @Test
    void weightedCrossEntropyMeanDividesByTheWeightsOfTheTargets() {
        double[] w = {0.5, 2.0, 1.5};
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < 4; i++) {
            numerator -= w[TARGETS[i]] * ReferenceSoftmax.logSoftmax(LOGITS[i], TARGETS[i]);
            denominator += w[TARGETS[i]];
        }
        Variable loss = new CrossEntropyLoss(Reduction.MEAN, Tensor.of(w)).forward(Variable.constant(Tensor.of(LOGITS)), TARGETS);
        assertEquals(numerator / denominator, loss.item(), 1e-14);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Variable logits = Variable.constant(Tensor.of(new double[][] {{1000.0, 0.0}}));
        assertEquals(1000.0, new CrossEntropyLoss().forward(logits, new int[] {1}).item(), 1e-9);
    }

    @Test
    void crossEntropyRejectsTargetOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Variable.constant(Tensor.of(LOGITS)), new int[] {0, 1, 3, 0}));
        assertEquals("CrossEntropyLoss: target 3 at position 2 is outside [0, 3)", e.getMessage());
    }

    @Test
    void weightedCrossEntropyGradientMatchesFiniteDifferences() {
        Variable logits = Variable.param(Tensor.randn(new Rng(4), DType.FLOAT64, 4, 3));
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.MEAN, Tensor.of(0.5, 2.0, 1.5));
        NumericGradient.check(() -> loss.forward(logits, TARGETS), List.of(logits));
    }

    @Test
    void bceWithLogitsMatchesTheProbabilisticFormula() {
        double[] x = {-2.0, 0.0, 0.7, 3.0};
        double[] y = {0.0, 1.0, 0.3, 1.0};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-x[i]));
            expected -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        assertEquals(expected / 4, new BCEWithLogitsLoss().forward(Variable.constant(Tensor.of(x)), Tensor.of(y)).item(), 1e-14);
    }

    @Test
    void bceWithLogitsGradientIsSigmoidMinusTarget() {
        double[] x = {-2.0, 0.0, 0.7, 3.0};
        double[] y = {0.0, 1.0, 0.3, 1.0};
        Variable logits = Variable.param(Tensor.of(x));
        new BCEWithLogitsLoss(Reduction.SUM).forward(logits, Tensor.of(y)).backward();
        for (int i = 0; i < 4; i++) {
            assertEquals(1 / (1 + Math.exp(-x[i])) - y[i], logits.grad().get(i), 1e-15);
        }
    }

    @Test
    void bceWithLogitsIsFiniteForHugeLogits() {
        Variable loss = new BCEWithLogitsLoss(Reduction.NONE).forward(
                Variable.constant(Tensor.of(1000.0, -1000.0)), Tensor.of(0.0, 0.0));
        assertArrayEquals(new double[] {1000.0, 0.0}, loss.data().toDoubleArray(), 1e-12);
        assertTrue(Double.isFinite(loss.data().get(0)));
    }

    @Test
    void bceWithLogitsRefusesBackwardAfterItsTargetsWereWrittenInPlace() {
        Variable logits = Variable.param(Tensor.of(-2.0, 0.0, 0.7));
        Tensor targets = Tensor.of(0.0, 1.0, 0.3);
        Variable loss = new BCEWithLogitsLoss().forward(logits, targets);
        targets.fill(0.5);
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'bceWithLogits' was modified in place"), e.getMessage());
    }

    @Test
    void mseGradientUsesTheTargetAsItWasAtForwardEvenIfWrittenAfterwards() {
        // MSELoss saves its own difference x - y, not y, so a later write to y cannot reach the gradient.
        Variable x = Variable.param(Tensor.of(1.0, 2.0, 4.0));
        Tensor y = Tensor.of(0.0, 2.0, 1.0);
        Variable loss = new MSELoss().forward(x, Variable.constant(y));
        y.fill(7.0);
        loss.backward();
        assertArrayEquals(new double[] {2.0 / 3, 0, 2.0}, x.grad().toDoubleArray(), 1e-15);
    }
}
