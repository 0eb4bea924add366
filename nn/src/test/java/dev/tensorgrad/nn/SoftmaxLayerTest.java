package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Softmax and LogSoftmax layers: PyTorch's nn.Softmax(dim) and nn.LogSoftmax(dim). */
class SoftmaxLayerTest {
    private static final double[][] X = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}};
    private static final int ROWS = 4;
    private static final int COLS = 3;

    /** X's element [i][j] normalised over its row (dim 1) or over its column (dim 0), by plain loops. */
    private static double referenceLogSoftmax(int i, int j, int dim) {
        double[] lane = new double[dim == 1 ? X[0].length : X.length];
        for (int k = 0; k < lane.length; k++) {
            lane[k] = dim == 1 ? X[i][k] : X[k][j];
        }
        return ReferenceSoftmax.logSoftmax(lane, dim == 1 ? j : i);
    }

    @Test
    void softmaxOverDimOneNormalisesEachRow() {
        Tensor y = new Softmax(1).forward(Variable.constant(Tensor.of(X))).data();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(referenceLogSoftmax(i, j, 1)), y.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void softmaxOverDimZeroNormalisesEachColumn() {
        Tensor y = new Softmax(0).forward(Variable.constant(Tensor.of(X))).data();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(referenceLogSoftmax(i, j, 0)), y.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void aNegativeDimCountsFromTheEnd() {
        Variable x = Variable.constant(Tensor.of(X));
        Tensor last = new Softmax(-1).forward(x).data();
        Tensor first = new LogSoftmax(-2).forward(x).data();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(referenceLogSoftmax(i, j, 1)), last.get(i, j), 1e-15);
                assertEquals(referenceLogSoftmax(i, j, 0), first.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void logSoftmaxOverDimOneIsTheLogOfEachRowsProbabilities() {
        Tensor y = new LogSoftmax(1).forward(Variable.constant(Tensor.of(X))).data();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(referenceLogSoftmax(i, j, 1), y.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void logSoftmaxIsFiniteForHugeInputs() {
        Tensor y = new LogSoftmax(1).forward(Variable.constant(Tensor.of(new double[][] {{1000.0, 0.0}}))).data();
        assertEquals(0.0, y.get(0, 0), 1e-12);
        assertEquals(-1000.0, y.get(0, 1), 1e-9);
    }

    @Test
    void softmaxOfAThreeDimInputSumsToOneAlongItsDim() {
        Tensor y = new Softmax(1).forward(Variable.constant(Tensor.randn(new Rng(1), DType.FLOAT64, 2, 5, 3))).data();
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 3; k++) {
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    sum += y.get(b, c, k);
                }
                assertEquals(1.0, sum, 1e-14);
            }
        }
    }

    @Test
    void aDimOutOfRangeNamesTheLayerAndTheInputShape() {
        Variable x = Variable.constant(Tensor.zeros(2, 3));
        var softmax = assertThrows(IllegalArgumentException.class, () -> new Softmax(2).forward(x));
        assertEquals("Softmax: dim 2 is out of range for input [2, 3] (rank 2)", softmax.getMessage());
        var logSoftmax = assertThrows(IllegalArgumentException.class, () -> new LogSoftmax(-3).forward(x));
        assertEquals("LogSoftmax: dim -3 is out of range for input [2, 3] (rank 2)", logSoftmax.getMessage());
    }

    @Test
    void toStringShowsTheDim() {
        assertEquals("Softmax(dim=-1)", new Softmax(-1).toString());
        assertEquals("LogSoftmax(dim=1)", new LogSoftmax(1).toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void softmaxGradientOfEveryLayoutAlongEitherDimPassesGradcheck(MatrixLayout layout) {
        Tensor raw = layout.raw(new Rng(31), ROWS, COLS);
        for (int dim : new int[] {0, 1, -1}) {
            Softmax softmax = new Softmax(dim);
            GradCheck.assertGradients(v -> softmax.forward(layout.view(v[0], ROWS, COLS)), raw);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void logSoftmaxGradientOfEveryLayoutAlongEitherDimPassesGradcheck(MatrixLayout layout) {
        Tensor raw = layout.raw(new Rng(32), ROWS, COLS);
        for (int dim : new int[] {0, 1, -2}) {
            LogSoftmax logSoftmax = new LogSoftmax(dim);
            GradCheck.assertGradients(v -> logSoftmax.forward(layout.view(v[0], ROWS, COLS)), raw);
        }
    }
}
