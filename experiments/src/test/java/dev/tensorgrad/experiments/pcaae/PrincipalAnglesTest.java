package dev.tensorgrad.experiments.pcaae;

import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrincipalAnglesTest {

    @Test
    void aSpanAndAnotherBasisOfItMeetAtAngleZero() {
        Tensor a = Tensor.of(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        Tensor b = Tensor.of(new double[][] {{2, 1}, {1, -3}, {0, 0}});
        assertEquals(0.0, PrincipalAngles.largest(a, b), 1e-7);
    }

    @Test
    void planesTiltedByThetaMeetAtTheta() {
        // span{e1, e2} against span{e1, cos(t) e2 + sin(t) e3}: one angle 0, the other t.
        double t = 0.3;
        Tensor a = Tensor.of(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        Tensor b = Tensor.of(new double[][] {{1, 0}, {0, Math.cos(t)}, {0, Math.sin(t)}});
        assertEquals(t, PrincipalAngles.largest(a, b), 1e-12);
    }
}
