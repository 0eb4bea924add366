package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.params.provider.MethodSource;

/** NLLLoss: PyTorch's negative log-likelihood of class indices, with ignoreIndex. */
class NLLLossTest {
    private static final double[][] LOG_PROBS = {{-1.2, -0.5, -2.0}, {-0.1, -3.0, -2.5}, {-0.7, -0.9, -1.9}, {-4.0, -0.2, -1.1}};
    private static final int[] TARGETS = {1, 2, 0, 2};
    private static final int ROWS = 4;
    private static final int COLS = 3;

    @Test
    void meanSumAndNoneOfTheNegatedPickedLogProbabilities() {
        Variable input = Variable.constant(Tensor.of(LOG_PROBS));
        double[] picked = new double[ROWS];
        double sum = 0;
        for (int i = 0; i < ROWS; i++) {
            picked[i] = -LOG_PROBS[i][TARGETS[i]];
            sum += picked[i];
        }
        assertEquals(sum / ROWS, new NLLLoss().forward(input, TARGETS).item(), 1e-15);
        assertEquals(sum, new NLLLoss(Reduction.SUM).forward(input, TARGETS).item(), 1e-15);
        assertArrayEquals(picked, new NLLLoss(Reduction.NONE).forward(input, TARGETS).data().toDoubleArray());
    }

    @Test
    void meanGradientIsMinusOneOverNAtEachTarget() {
        Variable input = Variable.param(Tensor.of(LOG_PROBS));
        new NLLLoss().forward(input, TARGETS).backward();
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < COLS; k++) {
                assertEquals(k == TARGETS[i] ? -1.0 / ROWS : 0.0, input.grad().get(i, k), 1e-15);
            }
        }
    }

    @Test
    void ignoredTargetsAreLeftOutOfTheMeanAndZeroWhenUnreduced() {
        Variable input = Variable.param(Tensor.of(LOG_PROBS));
        int[] targets = {1, -100, 0, -100};
        double expected = -(LOG_PROBS[0][1] + LOG_PROBS[2][0]) / 2;
        assertEquals(expected, new NLLLoss().forward(input, targets).item(), 1e-15);
        assertArrayEquals(new double[] {-LOG_PROBS[0][1], 0, -LOG_PROBS[2][0], 0},
                new NLLLoss(Reduction.NONE).forward(input, targets).data().toDoubleArray());
    }

    @Test
    void ignoredRowsTakeNoGradient() {
        Variable input = Variable.param(Tensor.of(LOG_PROBS));
        new NLLLoss().forward(input, new int[] {1, -100, 0, -100}).backward();
        double[][] expected = {{0, -0.5, 0}, {0, 0, 0}, {-0.5, 0, 0}, {0, 0, 0}};
        assertArrayEquals(Tensor.of(expected).toDoubleArray(), input.grad().toDoubleArray());
    }

    @Test
    void aCustomIgnoreIndexIsIgnoredAndMinusOneHundredIsThenATargetOutOfRange() {
        Variable input = Variable.constant(Tensor.of(LOG_PROBS));
        NLLLoss loss = new NLLLoss(Reduction.SUM, 2);
        assertEquals(-(LOG_PROBS[0][1] + LOG_PROBS[2][0]), loss.forward(input, TARGETS).item(), 1e-15);
        var e = assertThrows(IllegalArgumentException.class, () -> loss.forward(input, new int[] {1, -100, 0, 2}));
        assertEquals("NLLLoss: target -100 at position 1 is outside [0, 3)", e.getMessage());
    }

    @Test
    void anIgnoredRowHoldingMinusInfinityLeavesTheLossAndGradientFinite() {
        // log 0 = -inf is a legitimate log-probability; a row whose target is ignored must not turn it into NaN.
        Variable input = Variable.param(Tensor.of(new double[][] {{-0.5, -1.0}, {Double.NEGATIVE_INFINITY, 0.0}}));
        Variable loss = new NLLLoss().forward(input, new int[] {0, -100});
        loss.backward();
        assertEquals(0.5, loss.item(), 1e-15);
        assertArrayEquals(new double[] {-1, 0, 0, 0}, input.grad().toDoubleArray());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Reduction.class)
    void ofLogSoftmaxEqualsCrossEntropyInValueAndGradient(Reduction reduction) {
        Tensor logits = Tensor.randn(new Rng(51), DType.FLOAT64, 6, 5);
        for (int[] targets : new int[][] {{0, 4, 2, 2, 1, 3}, {3, -100, 0, 4, -100, 1}}) {
            Variable x = Variable.param(logits);
            Variable nll = new NLLLoss(reduction).forward(new LogSoftmax(1).forward(x), targets);
            Variable z = Variable.param(logits.copy());
            Variable ce = new CrossEntropyLoss(reduction, null).forward(z, targets);
            assertArrayEquals(ce.data().toDoubleArray(), nll.data().toDoubleArray(), 1e-14);
            nll.sum().backward();
            ce.sum().backward();
            assertArrayEquals(z.grad().toDoubleArray(), x.grad().toDoubleArray(), 1e-14);
        }
    }

    @Test
    void worksInFloat32() {
        Variable input = Variable.param(Tensor.of(LOG_PROBS).to(DType.FLOAT32));
        Variable loss = new NLLLoss().forward(input, new int[] {1, -100, 0, 2});
        loss.backward();
        assertEquals(DType.FLOAT32, loss.dtype());
        assertEquals(-(LOG_PROBS[0][1] + LOG_PROBS[2][0] + LOG_PROBS[3][2]) / 3, loss.item(), 1e-6);
        assertEquals(-1.0 / 3, input.grad().get(3, 2), 1e-7);
    }

    @Test
    void aMissingReductionIsRefusedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NLLLoss(null));
        assertEquals("NLLLoss: reduction must be MEAN, SUM or NONE, got null", e.getMessage());
    }

    @Test
    void anInputThatIsNotTwoDimIsRefusedNamingItsShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(Variable.constant(Tensor.zeros(2, 3, 4)), new int[] {0, 1}));
        assertEquals("NLLLoss: expected log-probabilities [N, C], got [2, 3, 4]", e.getMessage());
    }

    @Test
    void aWrongNumberOfTargetsIsRefusedNamingTheInputShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(Variable.constant(Tensor.of(LOG_PROBS)), new int[] {0, 1, 2}));
        assertEquals("NLLLoss: input [4, 3] needs 4 targets, got 3", e.getMessage());
    }

    @Test
    void aTargetOutOfRangeIsRefusedNamingItsPosition() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(Variable.constant(Tensor.of(LOG_PROBS)), new int[] {0, 1, 3, 0}));
        assertEquals("NLLLoss: target 3 at position 2 is outside [0, 3)", e.getMessage());
    }

    @Test
    void theMeanOverOnlyIgnoredTargetsIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(
                Variable.constant(Tensor.of(LOG_PROBS)), new int[] {-100, -100, -100, -100}));
        assertEquals("NLLLoss: the mean over input [4, 3] is undefined: every target equals ignoreIndex -100",
                e.getMessage());
    }

    @Test
    void theMeanOverNoTargetsIsRefusedButTheSumIsZero() {
        Variable empty = Variable.param(Tensor.zeros(DType.FLOAT64, 0, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(empty, new int[0]));
        assertEquals("NLLLoss: the mean over input [0, 3] is undefined: there are no targets", e.getMessage());
        assertEquals(0.0, new NLLLoss(Reduction.SUM).forward(empty, new int[0]).item());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void gradientOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        NLLLoss nll = new NLLLoss(reduction);
        GradCheck.assertGradients(v -> nll.forward(layout.view(v[0], ROWS, COLS), TARGETS),
                layout.raw(new Rng(52), ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void gradientWithIgnoredTargetsOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        NLLLoss nll = new NLLLoss(reduction);
        GradCheck.assertGradients(v -> nll.forward(layout.view(v[0], ROWS, COLS), new int[] {1, -100, 0, 2}),
                layout.raw(new Rng(53), ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void gradientThroughLogSoftmaxOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        NLLLoss nll = new NLLLoss(reduction);
        LogSoftmax logSoftmax = new LogSoftmax(1);
        GradCheck.assertGradients(v -> nll.forward(logSoftmax.forward(layout.view(v[0], ROWS, COLS)), TARGETS),
                layout.raw(new Rng(54), ROWS, COLS));
    }
}
