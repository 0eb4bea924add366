package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.optim.SGD;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Embedding's padding index, with PyTorch's padding_idx semantics. */
class EmbeddingPaddingTest {
    private static final int NUM = 5;
    private static final int DIM = 3;

    @Test
    void thePaddingRowStartsAtZerosAndTheOthersAsWithoutPadding() {
        Embedding padded = new Embedding(NUM, DIM, 2, DType.FLOAT64, new Rng(7));
        Embedding plain = new Embedding(NUM, DIM, DType.FLOAT64, new Rng(7));
        for (int row = 0; row < NUM; row++) {
            double[] expected = row == 2 ? new double[DIM] : plain.weight().data().select(0, row).toDoubleArray();
            assertArrayEquals(expected, padded.weight().data().select(0, row).toDoubleArray(), "row " + row);
        }
    }

    @Test
    void aNegativePaddingIndexCountsFromTheEnd() {
        Embedding e = new Embedding(NUM, DIM, -1, DType.FLOAT64, new Rng(7));
        assertEquals(OptionalInt.of(NUM - 1), e.paddingIdx());
        assertArrayEquals(new double[DIM], e.weight().data().select(0, NUM - 1).toDoubleArray());
    }

    @Test
    void withoutPaddingThereIsNoPaddingIndex() {
        assertEquals(OptionalInt.empty(), new Embedding(NUM, DIM, DType.FLOAT64, new Rng(7)).paddingIdx());
    }

    @Test
    void paddingIndicesOutsideMinusNumToNumAreRejected() {
        var above = assertThrows(IllegalArgumentException.class, () -> new Embedding(NUM, DIM, 5, DType.FLOAT64, new Rng(7)));
        assertEquals("Embedding: paddingIdx 5 is outside [-5, 5) for num=5", above.getMessage());
        var below = assertThrows(IllegalArgumentException.class, () -> new Embedding(NUM, DIM, -6, DType.FLOAT64, new Rng(7)));
        assertEquals("Embedding: paddingIdx -6 is outside [-5, 5) for num=5", below.getMessage());
    }

    @Test
    void thePaddingTokenLooksUpItsCurrentRow() {
        Embedding e = new Embedding(NUM, DIM, 0, DType.FLOAT64, new Rng(7));
        e.weight().data().select(0, 0).fill(4.0);
        assertArrayEquals(new double[] {4, 4, 4}, e.forward(3, 0).data().select(0, 1).toDoubleArray());
    }

    @Test
    void thePaddingRowReceivesNoGradientAndTheOthersTheSumOfTheirUses() {
        Embedding e = new Embedding(NUM, DIM, 1, DType.FLOAT64, new Rng(7));
        int[] tokens = {1, 3, 1, 4, 3, 1};
        Tensor upstream = Tensor.randn(new Rng(8), DType.FLOAT64, tokens.length, DIM);
        e.forward(tokens).backward(upstream);
        double[][] expected = new double[NUM][DIM];
        for (int i = 0; i < tokens.length; i++) {
            for (int d = 0; d < DIM; d++) {
                if (tokens[i] != 1) {
                    expected[tokens[i]][d] += upstream.get(i, d);
                }
            }
        }
        for (int row = 0; row < NUM; row++) {
            assertArrayEquals(expected[row], e.weight().grad().select(0, row).toDoubleArray(), 1e-15, "row " + row);
        }
    }

    @Test
    void thePaddingRowStaysZeroThroughTraining() {
        Embedding e = new Embedding(NUM, DIM, 0, DType.FLOAT64, new Rng(7));
        SGD sgd = new SGD(e.parameters(), 0.5);
        for (int step = 0; step < 3; step++) {
            e.zeroGrad();
            e.forward(new int[][] {{2, 0, 0}, {4, 3, 0}}).tanh().sum().backward();
            sgd.step();
        }
        assertArrayEquals(new double[DIM], e.weight().data().select(0, 0).toDoubleArray());
    }

    /**
     * The table's gradient under a non-linear loss read through a transposed view, against
     * central differences in FLOAT64: equal on every row but the padding row, which gets 0 although
     * the loss does depend on it.
     */
    @Test
    void gradientMatchesFiniteDifferencesExceptOnThePaddingRow() {
        Embedding e = new Embedding(NUM, DIM, 3, DType.FLOAT64, new Rng(7));
        e.weight().data().select(0, 3).fill(0.3); // a padding row the loss depends on
        int[] tokens = {3, 0, 2, 3, 0};
        Tensor mix = Tensor.randn(new Rng(9), DType.FLOAT64, DIM, tokens.length);
        Supplier<Variable> loss = () -> e.forward(tokens).t().mul(Variable.constant(mix)).tanh().sum();
        loss.get().backward();
        double[] numerics = NumericGradient.numeric(loss, e.weight().data());
        boolean paddingRowMatters = false;
        for (int row = 0; row < NUM; row++) {
            for (int d = 0; d < DIM; d++) {
                double numeric = numerics[row * DIM + d];
                if (row == 3) {
                    paddingRowMatters |= Math.abs(numeric) > 1e-3;
                    assertEquals(0.0, e.weight().grad().get(row, d), "padding row, column " + d);
                } else {
                    assertEquals(numeric, e.weight().grad().get(row, d), 1e-8 + 1e-6 * Math.abs(numeric),
                            "row " + row + ", column " + d);
                }
            }
        }
        assertTrue(paddingRowMatters, "the check must exercise a padding row the loss depends on");
    }

    @Test
    void paddingIsPartOfTheDescription() {
        assertEquals("Embedding(num=5, dim=3, paddingIdx=4)",
                new Embedding(NUM, DIM, -1, DType.FLOAT32, new Rng(7)).toString());
    }

    @Test
    void paddingChangesNoParameterNames() {
        assertEquals(List.of("weight"), List.copyOf(new Embedding(NUM, DIM, 0, DType.FLOAT32, new Rng(7)).stateDict().keySet()));
    }
}
