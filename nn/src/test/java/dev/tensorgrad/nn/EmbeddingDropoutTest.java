package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingDropoutTest {
    @Test
    void embeddingLooksUpRows() {
        Embedding e = new Embedding(5, 3, DType.FLOAT64, new Rng(0));
        Variable v = e.forward(new int[][] {{4, 0}, {2, 4}});
        assertArrayEquals(new int[] {2, 2, 3}, v.shape());
        assertArrayEquals(e.weight().data().select(0, 4).toDoubleArray(), v.data().select(0, 1).select(0, 1).toDoubleArray());
    }

    @Test
    void repeatedTokensSumTheirGradients() {
        Embedding e = new Embedding(3, 2, DType.FLOAT64, new Rng(0));
        e.forward(1, 1, 2).sum().backward();
        assertArrayEquals(new double[] {0, 0, 2, 2, 1, 1}, e.weight().grad().toDoubleArray());
    }

    @Test
    void embeddingRejectsOutOfRangeIndex() {
        Embedding e = new Embedding(3, 2, DType.FLOAT64, new Rng(0));
        var ex = assertThrows(IllegalArgumentException.class, () -> e.forward(0, 3));
        assertEquals("Embedding: index 3 at position 1 is outside [0, 3)", ex.getMessage());
    }

    @Test
    void embeddingRnnCrossEntropyGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(11);
        Embedding embed = new Embedding(6, 3, DType.FLOAT64, rng);
        RNN rnn = new RNN(3, 4, Nonlinearity.TANH, 2, true, DType.FLOAT64, rng);
        Linear head = new Linear(4, 6, true, DType.FLOAT64, rng);
        int[][] tokens = {{1, 5, 2}, {0, 3, 3}};
        int[] next = {5, 2, 4, 3, 3, 1};
        CrossEntropyLoss ce = new CrossEntropyLoss();
        List<Variable> leaves = new ArrayList<>(embed.parameters());
        leaves.addAll(rnn.parameters());
        leaves.addAll(head.parameters());
        NumericGradient.check(() -> ce.forward(head.forward(rnn.forward(embed.forward(tokens)).output()).reshape(6, 6), next),
                leaves);
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRest() {
        Dropout d = new Dropout(0.25, new Rng(3));
        double[] y = d.forward(Variable.constant(Tensor.ones(DType.FLOAT64, 10000))).data().toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.75, v, 1e-15);
            }
        }
        assertTrue(Math.abs(zeros - 2500) < 150, zeros + " zeros");
    }

    @Test
    void dropoutIsTheIdentityInEvalMode() {
        Dropout d = new Dropout(0.5, new Rng(3));
        d.eval();
        Variable x = Variable.constant(Tensor.ones(4));
        assertSame(x, d.forward(x));
    }

    @Test
    void dropoutGradientUsesTheSameMask() {
        Dropout d = new Dropout(0.5, new Rng(3));
        Variable x = Variable.param(Tensor.ones(DType.FLOAT64, 20));
        Variable y = d.forward(x);
        y.sum().backward();
        assertArrayEquals(y.data().toDoubleArray(), x.grad().toDoubleArray());
    }
}
