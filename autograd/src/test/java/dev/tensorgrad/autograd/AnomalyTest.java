package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Anomaly mode names the first op that produced NaN or Inf, and the line of user code that created it. */
class AnomalyTest {
    /** The line number of the caller's statement. */
    private static int lineHere() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    @Test
    void forwardNaNNamesTheOpAndTheUsersLine() {
        Variable x = Variable.param(Tensor.of(-1.0, 2.0));
        try (var anomaly = Anomaly.detect()) {
            int line = lineHere() + 1;
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.log());
            assertTrue(e.getMessage().contains("forward of 'log'"), e.getMessage());
            assertTrue(e.getMessage().contains("AnomalyTest.java:" + line), e.getMessage());
        }
    }

    @Test
    void backwardInfNamesTheOpAndWhereItWasCreated() {
        Variable x = Variable.param(Tensor.of(0.0, 4.0));
        try (var anomaly = Anomaly.detect()) {
            int line = lineHere() + 1;
            Variable root = x.sqrt(); // d sqrt(x)/dx = 1 / (2 sqrt x) is infinite at 0
            Variable loss = root.sum();
            ArithmeticException e = assertThrows(ArithmeticException.class, loss::backward);
            assertTrue(e.getMessage().contains("backward of 'sqrt'"), e.getMessage());
            assertTrue(e.getMessage().contains("AnomalyTest.java:" + line), e.getMessage());
        }
    }

    @Test
    void withoutAnomalyModeNaNFlowsThroughSilently() {
        Variable x = Variable.param(Tensor.of(0.0));
        x.sqrt().sum().backward();
        assertTrue(Double.isInfinite(x.grad().item()));
    }

    @Test
    void anomalyModeEndsWithItsScope() {
        try (var anomaly = Anomaly.detect()) {
            assertTrue(Anomaly.isEnabled());
        }
        assertFalse(Anomaly.isEnabled());
    }
}
