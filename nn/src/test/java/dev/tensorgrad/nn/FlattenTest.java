package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Flatten layer: PyTorch's nn.Flatten(start_dim=1, end_dim=-1). */
class FlattenTest {
    private static final int ROWS = 4;
    private static final int COLS = 3;

    @Test
    void byDefaultEveryDimButTheBatchDimIsMerged() {
        Variable x = Variable.constant(Tensor.zeros(2, 3, 4, 5));
        assertArrayEquals(new int[] {2, 60}, new Flatten().forward(x).shape());
    }

    @Test
    void onlyTheDimsFromStartToEndInclusiveAreMerged() {
        Variable x = Variable.constant(Tensor.zeros(2, 3, 4, 5));
        assertArrayEquals(new int[] {2, 12, 5}, new Flatten(1, 2).forward(x).shape());
        assertArrayEquals(new int[] {6, 4, 5}, new Flatten(0, 1).forward(x).shape());
        assertArrayEquals(new int[] {120}, new Flatten(0, -1).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 20}, new Flatten(-2, -1).forward(x).shape());
    }

    @Test
    void flatteningOneDimLeavesTheShapeAsItIs() {
        Variable x = Variable.constant(Tensor.zeros(2, 3, 4));
        assertArrayEquals(new int[] {2, 3, 4}, new Flatten(1, 1).forward(x).shape());
    }

    @Test
    void aScalarBecomesAOneElementVectorAsInPyTorch() {
        Variable x = Variable.constant(Tensor.scalar(7.0, DType.FLOAT64));
        Variable y = new Flatten(0, -1).forward(x);
        assertArrayEquals(new int[] {1}, y.shape());
        assertEquals(7.0, y.data().get(0));
    }

    @Test
    void anEmptyBatchKeepsItsFlattenedSize() {
        Variable x = Variable.constant(Tensor.zeros(0, 3, 4));
        assertArrayEquals(new int[] {0, 12}, new Flatten().forward(x).shape());
    }

    @Test
    void theElementsKeepTheirRowMajorOrder() {
        Tensor x = Tensor.randn(new Rng(2), DType.FLOAT64, 2, 3, 4);
        Tensor y = new Flatten().forward(Variable.constant(x)).data();
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(x.get(n, i, j), y.get(n, 4 * i + j));
                }
            }
        }
    }

    @Test
    void aContiguousInputIsFlattenedAsAView() {
        Tensor x = Tensor.randn(new Rng(3), DType.FLOAT64, 2, 3, 4);
        assertTrue(new Flatten().forward(Variable.constant(x)).data().sharesStorageWith(x));
    }

    @Test
    void aPermutedInputIsCopiedInItsLogicalOrder() {
        Tensor x = Tensor.randn(new Rng(4), DType.FLOAT64, 2, 4, 3).permute(0, 2, 1);
        Tensor y = new Flatten().forward(Variable.constant(x)).data();
        assertFalse(y.sharesStorageWith(x));
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(x.get(n, i, j), y.get(n, 4 * i + j));
                }
            }
        }
    }

    @Test
    void aDimOutOfRangeNamesTheLayerAndTheInputShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Flatten().forward(Variable.constant(Tensor.zeros(5))));
        assertEquals("Flatten: startDim 1 is out of range for input [5] (rank 1)", e.getMessage());
        var end = assertThrows(IllegalArgumentException.class,
                () -> new Flatten(0, -4).forward(Variable.constant(Tensor.zeros(2, 3, 4))));
        assertEquals("Flatten: endDim -4 is out of range for input [2, 3, 4] (rank 3)", end.getMessage());
    }

    @Test
    void aStartAfterTheEndNamesBothAndTheInputShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Flatten(2, -2).forward(Variable.constant(Tensor.zeros(2, 3, 4))));
        assertEquals("Flatten: startDim 2 comes after endDim -2 for input [2, 3, 4]", e.getMessage());
    }

    @Test
    void toStringShowsBothDims() {
        assertEquals("Flatten(startDim=1, endDim=-1)", new Flatten().toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void gradientOfEveryLayoutPassesGradcheck(MatrixLayout layout) {
        Flatten flatten = new Flatten(0, -1);
        GradCheck.assertGradients(v -> flatten.forward(layout.view(v[0], ROWS, COLS)),
                layout.raw(new Rng(33), ROWS, COLS));
    }

    @Test
    void gradientOfAPermutedFourDimInputPassesGradcheck() {
        Flatten flatten = new Flatten(1, 2);
        GradCheck.assertGradients(v -> flatten.forward(v[0].permute(0, 3, 1, 2)),
                Tensor.randn(new Rng(34), DType.FLOAT64, 2, 3, 4, 5));
    }
}
