package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequenceTaskTest {

    private static final int B = 3;
    private static final int T = 5;
    private static final int O = 2;

    private static double[] random(Rng rng) {
        double[] v = new double[B * T * O];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.uniform(-1, 1);
        }
        return v;
    }

    private static double loss(SequenceTask task, double[] yHat, double[] y) {
        return task.loss(Variable.constant(Tensor.of(yHat, B, T, O)), Variable.constant(Tensor.of(y, B, T, O))).item();
    }

    @Test
    void allStepsIsTheMeanSquaredErrorOverEveryStepAndOutput() {
        Rng rng = new Rng(1);
        double[] yHat = random(rng);
        double[] y = random(rng);
        double sum = 0;
        for (int i = 0; i < yHat.length; i++) {
            sum += (yHat[i] - y[i]) * (yHat[i] - y[i]);
        }
        assertEquals(sum / (B * T * O), loss(SequenceTask.ALL_STEPS, yHat, y), 1e-12);
    }

    @Test
    void lastStepIsTheMeanSquaredErrorOverTheLastStepOnly() {
        Rng rng = new Rng(2);
        double[] yHat = random(rng);
        double[] y = random(rng);
        double sum = 0;
        for (int n = 0; n < B; n++) {
            for (int o = 0; o < O; o++) {
                int i = (n * T + T - 1) * O + o;
                sum += (yHat[i] - y[i]) * (yHat[i] - y[i]);
            }
        }
        assertEquals(sum / (B * O), loss(SequenceTask.LAST_STEP, yHat, y), 1e-12);
    }

    @Test
    void lastStepIgnoresErrorsBeforeTheLastStep() {
        double[] y = new double[B * T * O];
        double[] yHat = new double[B * T * O];
        for (int n = 0; n < B; n++) {
            for (int t = 0; t < T - 1; t++) {
                yHat[(n * T + t) * O] = 10;
            }
        }
        assertEquals(0.0, loss(SequenceTask.LAST_STEP, yHat, y));
    }

    @Test
    void rejectsPredictionsAndLabelsOfDifferentShapes() {
        Variable yHat = Variable.constant(Tensor.zeros(B, T, O));
        Variable y = Variable.constant(Tensor.zeros(B, T - 1, O));
        assertThrows(IllegalArgumentException.class, () -> SequenceTask.ALL_STEPS.loss(yHat, y));
    }
}
