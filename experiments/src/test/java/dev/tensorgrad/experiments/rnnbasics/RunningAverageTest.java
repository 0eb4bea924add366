package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunningAverageTest {

    @Test
    void labelAtEachStepIsTheMeanOfTheInputsSoFar() {
        RunningAverage data = RunningAverage.generate(3, 7, DType.FLOAT64, new Rng(5));
        for (int n = 0; n < 3; n++) {
            double sum = 0;
            for (int t = 0; t < 7; t++) {
                sum += data.x().get(n, t, 0);
                assertEquals(sum / (t + 1), data.y().get(n, t, 0), 1e-12);
            }
        }
    }
}
