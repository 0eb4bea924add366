package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * CrossEntropyLoss's PyTorch options (ignoreIndex, K-dimensional logits, label smoothing), each
 * against {@link #reference}, a plain loop over PyTorch's definition.
 */
class CrossEntropyOptionsTest {
    private static final double[][] LOGITS = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}, {0.2, 0.1, -0.4}, {5.0, -2.0, 1.0}};
    private static final double[] WEIGHTS = {0.5, 2.0, 1.5};

    /** -log softmax(row)[k]. */
    private static double nll(double[] row, int k) {
        return -ReferenceSoftmax.logSoftmax(row, k);
    }

    /**
     * Per-position losses of rows (one logit row per position) against targets, followed by the
     * mean's denominator as the last element: PyTorch's formula written out with loops.
     */
    private static double[] reference(double[][] rows, int[] targets, double[] w, int ignore, double eps) {
        int classes = rows[0].length;
        double[] out = new double[targets.length + 1];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == ignore) {
                continue;
            }
            double wy = w == null ? 1 : w[targets[i]];
            double smooth = 0;
            for (int c = 0; c < classes; c++) {
                smooth += (w == null ? 1 : w[c]) * nll(rows[i], c);
            }
            out[i] = (1 - eps) * wy * nll(rows[i], targets[i]) + eps / classes * smooth;
            out[targets.length] += wy;
        }
        return out;
    }

    private static double referenceMean(double[][] rows, int[] targets, double[] w, int ignore, double eps) {
        double[] losses = reference(rows, targets, w, ignore, eps);
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            sum += losses[i];
        }
        return sum / losses[targets.length];
    }

    private static Variable logits() {
        return Variable.constant(Tensor.of(LOGITS));
    }

    @Test
    void ignoredTargetsAreLeftOutOfTheMeanAndItsDenominator() {
        int[] targets = {1, -100, 0, -100};
        double expected = (nll(LOGITS[0], 1) + nll(LOGITS[2], 0)) / 2;
        assertEquals(expected, new CrossEntropyLoss().forward(logits(), targets).item(), 1e-14);
    }

    @Test
    void ignoredTargetsGiveZeroUnderNoReduction() {
        int[] targets = {1, -100, 0, 2};
        double[] loss = new CrossEntropyLoss(Reduction.NONE, null).forward(logits(), targets).data().toDoubleArray();
        assertArrayEquals(new double[] {nll(LOGITS[0], 1), 0, nll(LOGITS[2], 0), nll(LOGITS[3], 2)}, loss, 1e-14);
    }

    /** A masked class (logit -inf) in a row whose target is ignored must not turn the loss or its gradient into NaN. */
    @Test
    void anIgnoredRowWithAMaskedClassAddsNothingAndNoNaN() {
        double[][] masked = {LOGITS[0], {Double.NEGATIVE_INFINITY, 0.0, 3.0}, LOGITS[2], LOGITS[3]};
        Variable logits = Variable.param(Tensor.of(masked));
        int[] targets = {1, -100, 0, 2};
        for (double smoothing : new double[] {0.0, 0.1}) {
            logits.zeroGrad();
            Variable loss = new CrossEntropyLoss(Reduction.MEAN, null, -100, smoothing).forward(logits, targets);
            loss.backward();
            assertTrue(Double.isFinite(loss.item()), "loss, smoothing " + smoothing);
            assertTrue(Arrays.stream(logits.grad().toDoubleArray()).allMatch(Double::isFinite), "gradient, smoothing " + smoothing);
            assertArrayEquals(new double[3], logits.grad().select(0, 1).toDoubleArray(), "ignored row's gradient");
        }
        assertEquals((nll(LOGITS[0], 1) + nll(LOGITS[2], 0) + nll(LOGITS[3], 2)) / 3,
                new CrossEntropyLoss().forward(logits, targets).item(), 1e-14);
    }

    @Test
    void weightedMeanDividesByTheWeightsOfTheTargetsNotIgnored() {
        int[] targets = {1, 2, 0, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.MEAN, Tensor.of(WEIGHTS), 2, 0.0);
        double expected = (WEIGHTS[1] * nll(LOGITS[0], 1) + WEIGHTS[0] * nll(LOGITS[2], 0)) / (WEIGHTS[1] + WEIGHTS[0]);
        assertEquals(expected, ce.forward(logits(), targets).item(), 1e-14);
    }

    @Test
    void anIgnoreIndexInsideTheClassRangeIgnoresThatClass() {
        int[] targets = {1, 2, 0, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.SUM, null, 2, 0.0);
        assertEquals(nll(LOGITS[0], 1) + nll(LOGITS[2], 0), ce.forward(logits(), targets).item(), 1e-14);
    }

    @Test
    void ignoredTargetsReceiveNoGradient() {
        Variable x = Variable.param(Tensor.of(LOGITS));
        new CrossEntropyLoss().forward(x, new int[] {1, -100, 0, -100}).backward();
        assertArrayEquals(new double[3], x.grad().select(0, 1).toDoubleArray());
        assertArrayEquals(new double[3], x.grad().select(0, 3).toDoubleArray());
        for (int k = 0; k < 3; k++) {
            double softmax = Math.exp(-nll(LOGITS[0], k));
            assertEquals((softmax - (k == 1 ? 1 : 0)) / 2, x.grad().get(0, k), 1e-14);
        }
    }

    @Test
    void theMeanOfEveryTargetIgnoredIsAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits(), new int[] {-100, -100, -100, -100}));
        assertEquals("CrossEntropyLoss: the mean over logits [4, 3] is undefined: every target equals ignoreIndex -100",
                e.getMessage());
    }

    @Test
    void theSumOfEveryTargetIgnoredIsZero() {
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.SUM, null);
        assertEquals(0.0, ce.forward(logits(), new int[] {-100, -100, -100, -100}).item());
    }

    @Test
    void theMeanOfTargetsWhoseWeightsSumToZeroIsAnError() {
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.MEAN, Tensor.of(0.0, 1.0, 1.0));
        var e = assertThrows(IllegalArgumentException.class, () -> ce.forward(logits(), new int[] {0, 0, -100, 0}));
        assertEquals("CrossEntropyLoss: the mean over logits [4, 3] is undefined: the class weights of the targets sum to 0",
                e.getMessage());
    }

    /** Logits [2, 3, 4] (N, C, T) from a seeded generator, as a plain array [n][c][t]. */
    private static double[][][] sequenceLogits() {
        Tensor t = Tensor.randn(new Rng(31), DType.FLOAT64, 2, 3, 4);
        double[][][] x = new double[2][3][4];
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int s = 0; s < 4; s++) {
                    x[n][c][s] = t.get(n, c, s);
                }
            }
        }
        return x;
    }

    /** The logit rows of [N, C, T], one per (n, t) in row-major order of [N, T]. */
    private static double[][] rowsOf(double[][][] x) {
        double[][] rows = new double[x.length * x[0][0].length][x[0].length];
        for (int n = 0; n < x.length; n++) {
            for (int s = 0; s < x[0][0].length; s++) {
                for (int c = 0; c < x[0].length; c++) {
                    rows[n * x[0][0].length + s][c] = x[n][c][s];
                }
            }
        }
        return rows;
    }

    private static Variable sequenceVariable(double[][][] x) {
        Tensor t = Tensor.zeros(DType.FLOAT64, 2, 3, 4);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int s = 0; s < 4; s++) {
                    t.set(x[n][c][s], n, c, s);
                }
            }
        }
        return Variable.constant(t);
    }

    private static final int[][] SEQUENCE_TARGETS = {{0, 2, 1, 1}, {2, -100, 0, 1}};
    private static final int[] FLAT_SEQUENCE_TARGETS = {0, 2, 1, 1, 2, -100, 0, 1};

    @Test
    void sequenceLogitsTakeTheClassesAlongDimOne() {
        double[][][] x = sequenceLogits();
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.MEAN, Tensor.of(WEIGHTS));
        double expected = referenceMean(rowsOf(x), FLAT_SEQUENCE_TARGETS, WEIGHTS, -100, 0.0);
        assertEquals(expected, ce.forward(sequenceVariable(x), FLAT_SEQUENCE_TARGETS).item(), 1e-14);
    }

    @Test
    void sequenceTargetsAsRowsEqualTheirRowMajorFlattening() {
        Variable x = sequenceVariable(sequenceLogits());
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertEquals(ce.forward(x, FLAT_SEQUENCE_TARGETS).item(), ce.forward(x, SEQUENCE_TARGETS).item(), 0.0);
    }

    @Test
    void sequenceLossWithoutReductionHasTheTargetShape() {
        double[][][] x = sequenceLogits();
        Variable loss = new CrossEntropyLoss(Reduction.NONE, null).forward(sequenceVariable(x), SEQUENCE_TARGETS);
        assertArrayEquals(new int[] {2, 4}, loss.shape());
        double[] expected = reference(rowsOf(x), FLAT_SEQUENCE_TARGETS, null, -100, 0.0);
        assertArrayEquals(Arrays.copyOf(expected, 8), loss.data().toDoubleArray(), 1e-14);
    }

    @Test
    void logitsOfFourDimsTakeTargetsOfTheOtherThree() {
        Tensor t = Tensor.randn(new Rng(32), DType.FLOAT64, 2, 3, 2, 2);
        int[] targets = {0, 1, 2, 2, 1, -100, 0, 1};
        double[][] rows = new double[8][3];
        for (int n = 0; n < 2; n++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int c = 0; c < 3; c++) {
                        rows[n * 4 + a * 2 + b][c] = t.get(n, c, a, b);
                    }
                }
            }
        }
        Variable loss = new CrossEntropyLoss(Reduction.NONE, null).forward(Variable.constant(t), targets);
        assertArrayEquals(new int[] {2, 2, 2}, loss.shape());
        assertArrayEquals(Arrays.copyOf(reference(rows, targets, null, -100, 0.0), 8),
                loss.data().toDoubleArray(), 1e-14);
    }

    @Test
    void aWrongNumberOfTargetsNamesBothShapes() {
        Variable x = sequenceVariable(sequenceLogits());
        var e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(x, new int[6]));
        assertEquals("CrossEntropyLoss: logits [2, 3, 4] need 8 targets (one per position of [2, 4]), got 6",
                e.getMessage());
    }

    @Test
    void sequenceTargetsOfTheWrongShapeNameBothShapes() {
        Variable x = sequenceVariable(sequenceLogits());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(x, new int[][] {{0, 1, 2}, {0, 1, 2}}));
        assertEquals("CrossEntropyLoss: expected logits [B, C, T] and targets [B][T], got [2, 3, 4] and rows of lengths [3, 3]",
                e.getMessage());
    }

    @Test
    void oneDimensionalLogitsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Variable.constant(Tensor.of(1.0, 2.0)), new int[] {0}));
        assertEquals("CrossEntropyLoss: expected logits [N, C] or [N, C, d1, ..., dk], got [2]", e.getMessage());
    }

    @Test
    void labelSmoothingMixesTheTargetWithTheUniformDistribution() {
        int[] targets = {1, 2, 0, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.MEAN, null, -100, 0.1);
        assertEquals(referenceMean(LOGITS, targets, null, -100, 0.1), ce.forward(logits(), targets).item(), 1e-14);
    }

    @Test
    void labelSmoothingWithWeightsAndIgnoredTargetsKeepsTheWeightedDenominator() {
        int[] targets = {1, -100, 0, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.MEAN, Tensor.of(WEIGHTS), -100, 0.25);
        assertEquals(referenceMean(LOGITS, targets, WEIGHTS, -100, 0.25), ce.forward(logits(), targets).item(), 1e-14);
    }

    @Test
    void labelSmoothingWithoutReductionGivesZeroAtIgnoredTargets() {
        int[] targets = {1, -100, 0, 2};
        CrossEntropyLoss ce = new CrossEntropyLoss(Reduction.NONE, Tensor.of(WEIGHTS), -100, 0.3);
        double[] expected = Arrays.copyOf(reference(LOGITS, targets, WEIGHTS, -100, 0.3), 4);
        assertArrayEquals(expected, ce.forward(logits(), targets).data().toDoubleArray(), 1e-14);
    }

    @Test
    void labelSmoothingOutsideZeroToOneIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(Reduction.MEAN, null, -100, 1.5));
        assertEquals("CrossEntropyLoss: label smoothing must be in [0, 1], got 1.5", e.getMessage());
    }
}
