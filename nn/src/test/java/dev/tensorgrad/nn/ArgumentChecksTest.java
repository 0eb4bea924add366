package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad arguments are refused where they are passed, with a message naming the layer and the values. */
class ArgumentChecksTest {
    @Test
    void mseLossNamesItselfAndBothDtypesWhenTheyDiffer() {
        Variable input = Variable.param(Tensor.zeros(DType.FLOAT32, 2, 3));
        Variable target = Variable.constant(Tensor.zeros(DType.FLOAT64, 2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(input, target));
        assertEquals("MSELoss: input float32 [2, 3] and target float64 [2, 3] must have the same dtype",
                e.getMessage());
    }

    @Test
    void rnnWithoutANonlinearityIsRefusedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RNN(3, 4, null, 1, true, DType.FLOAT32, new Rng(0)));
        assertEquals("RNN: nonlinearity must be TANH or RELU, got null", e.getMessage());
    }
}
