package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("RNN: nonlinearity must be TANH, RELU or NONE, got null", e.getMessage());
    }

    @Test
    void rnnCellWithoutANonlinearityIsRefusedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RNNCell(3, 4, null, true, DType.FLOAT32, new Rng(0)));
        assertEquals("RNNCell: nonlinearity must be TANH, RELU or NONE, got null", e.getMessage());
    }

    @Test
    void lossesWithoutAReductionAreRefusedAtConstruction() {
        var mse = assertThrows(IllegalArgumentException.class, () -> new MSELoss(null));
        assertEquals("MSELoss: reduction must be MEAN, SUM or NONE, got null", mse.getMessage());
        var bce = assertThrows(IllegalArgumentException.class, () -> new BCEWithLogitsLoss(null));
        assertEquals("BCEWithLogitsLoss: reduction must be MEAN, SUM or NONE, got null", bce.getMessage());
        var ce = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(null, null));
        assertEquals("CrossEntropyLoss: reduction must be MEAN, SUM or NONE, got null", ce.getMessage());
    }

    @Test
    void dropoutWithoutAGeneratorIsRefusedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5, null));
        assertEquals("Dropout: rng must not be null", e.getMessage());
    }

    @Test
    void sequentialNamesThePositionOfANullLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(new ReLU(), null));
        assertEquals("Sequential: layer 1 is null", e.getMessage());
    }

    @Test
    void linearNamesItselfTheInputDtypeAndShapeAndTheWeightDtype() {
        Linear linear = new Linear(3, 2, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> linear.forward(Variable.constant(Tensor.zeros(DType.FLOAT64, 5, 3))));
        assertEquals("Linear: input is float64 [5, 3] but the weight is float32", e.getMessage());
    }

    @Test
    void linearNamesTheDtypeOfABatchedInputToo() {
        Linear linear = new Linear(3, 2, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> linear.forward(Variable.constant(Tensor.zeros(DType.FLOAT64, 4, 5, 3))));
        assertEquals("Linear: input is float64 [4, 5, 3] but the weight is float32", e.getMessage());
    }

    @Test
    void rnnCellNamesItselfTheInputDtypeAndShapeAndTheWeightDtype() {
        RNNCell cell = new RNNCell(3, 4, Nonlinearity.TANH, true, DType.FLOAT32, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(Variable.constant(Tensor.zeros(DType.FLOAT64, 2, 3)), null));
        assertEquals("RNNCell: input is float64 [2, 3] but the weights are float32", e.getMessage());
    }

    @Test
    void rnnCellNamesAHiddenStateOfAnotherDtype() {
        RNNCell cell = new RNNCell(3, 4, Nonlinearity.TANH, true, DType.FLOAT32, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class, () -> cell.forward(
                Variable.constant(Tensor.zeros(DType.FLOAT32, 2, 3)), Variable.constant(Tensor.zeros(DType.FLOAT64, 2, 4))));
        assertEquals("RNNCell: hidden state is float64 [2, 4] but the weights are float32", e.getMessage());
    }

    @Test
    void mseMeanOverAnEmptyInputIsRefusedAsCrossEntropysIs() {
        Variable empty = Variable.param(Tensor.zeros(DType.FLOAT64, 0, 3));
        Variable target = Variable.constant(Tensor.zeros(DType.FLOAT64, 0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(empty, target));
        assertEquals("MSELoss: the mean over an empty input of shape [0, 3] is undefined; use Reduction.SUM or NONE",
                e.getMessage());
    }

    @Test
    void bceMeanOverAnEmptyInputIsRefused() {
        Variable empty = Variable.param(Tensor.zeros(DType.FLOAT64, 0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BCEWithLogitsLoss().forward(empty, Tensor.zeros(DType.FLOAT64, 0, 3)));
        assertTrue(e.getMessage().startsWith("BCEWithLogitsLoss: the mean over an empty input"), e.getMessage());
    }

    @Test
    void aSumLossOverAnEmptyInputIsZero() {
        Variable empty = Variable.param(Tensor.zeros(DType.FLOAT64, 0, 3));
        Variable target = Variable.constant(Tensor.zeros(DType.FLOAT64, 0, 3));
        assertEquals(0.0, new MSELoss(Reduction.SUM).forward(empty, target).item());
    }
}
