package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTest {
    @Test
    void parametersHavePyTorchShapes() {
        Linear layer = new Linear(3, 5, new Rng(0));
        assertArrayEquals(new int[] {5, 3}, layer.weight().shape());
        assertArrayEquals(new int[] {5}, layer.bias().shape());
    }

    @Test
    void forwardComputesXTimesWTransposePlusBias() {
        Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Rng(1));
        Tensor x = Tensor.randn(new Rng(2), DType.FLOAT64, 4, 3);
        double[] y = layer.forward(Variable.constant(x)).data().toDoubleArray();
        for (int i = 0; i < 4; i++) {
            for (int o = 0; o < 2; o++) {
                double expected = layer.bias().data().get(o);
                for (int k = 0; k < 3; k++) {
                    expected += x.get(i, k) * layer.weight().data().get(o, k);
                }
                assertEquals(expected, y[i * 2 + o], 1e-12);
            }
        }
    }

    @Test
    void leadingDimsArePreserved() {
        Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Rng(1));
        Tensor x = Tensor.randn(new Rng(2), DType.FLOAT64, 2, 4, 3);
        Variable y = layer.forward(Variable.constant(x));
        assertArrayEquals(new int[] {2, 4, 2}, y.shape());
        Tensor row = layer.forward(Variable.constant(x.select(0, 1))).data();
        assertArrayEquals(row.toDoubleArray(), y.data().select(0, 1).toDoubleArray(), 1e-12);
    }

    @Test
    void wrongInputWidthNamesTheShapes() {
        Linear layer = new Linear(3, 2, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Variable.constant(Tensor.zeros(4, 5))));
        assertEquals("Linear: expected input [..., 3], got [4, 5]", e.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Rng(1));
        Variable x = Variable.param(Tensor.randn(new Rng(2), DType.FLOAT64, 2, 4, 3));
        Tensor weights = Tensor.randn(new Rng(3), DType.FLOAT64, 2, 4, 2);
        NumericGradient.check(() -> layer.forward(x).mul(Variable.constant(weights)).sum(),
                List.of(x, layer.weight(), layer.bias()));
    }

    @Test
    void stridedInputGivesTheSameValuesAsItsContiguousCopy() {
        Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Rng(1));
        // [4, 5, 3] time-major, seen batch first as [5, 4, 3]: the layout of an RNN's output.
        Tensor timeMajor = Tensor.randn(new Rng(2), DType.FLOAT64, 4, 5, 3);
        Tensor batchFirst = timeMajor.transpose(0, 1);
        Variable y = layer.forward(Variable.constant(batchFirst));
        Variable expected = layer.forward(Variable.constant(batchFirst.contiguous()));
        assertArrayEquals(new int[] {5, 4, 2}, y.shape());
        assertArrayEquals(expected.data().toDoubleArray(), y.data().toDoubleArray(), 0.0);
    }

    @Test
    void stridedInputGradientsMatchFiniteDifferences() {
        Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Rng(1));
        Variable timeMajor = Variable.param(Tensor.randn(new Rng(2), DType.FLOAT64, 4, 5, 3));
        Tensor weights = Tensor.randn(new Rng(3), DType.FLOAT64, 5, 4, 2);
        NumericGradient.check(() -> layer.forward(timeMajor.transpose(0, 1)).mul(Variable.constant(weights)).sum(),
                List.of(timeMajor, layer.weight(), layer.bias()));
    }

    @Test
    void memoryOrderListsLeadingDimsByDecreasingStride() {
        Tensor x = Tensor.zeros(4, 5, 6, 3).permute(2, 0, 1, 3); // [6, 4, 5, 3], strides [15, 90, 18, 1]
        assertArrayEquals(new int[] {1, 2, 0, 3}, Linear.memoryOrder(x));
        assertArrayEquals(new int[] {0, 1, 2, 3}, Linear.memoryOrder(Tensor.zeros(4, 5, 6, 3)));
    }
}
