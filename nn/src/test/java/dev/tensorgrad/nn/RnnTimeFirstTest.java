package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * An RNN built with {@code batchFirst = false} (PyTorch's default layout) takes [T, B, I] and
 * returns [T, B, H]: the same function as a batch-first RNN with the same parameters, applied to
 * the transposed input.
 */
class RnnTimeFirstTest {
    private static final int B = 3;
    private static final int T = 5;
    private static final int I = 2;
    private static final int H = 4;
    private static final int LAYERS = 2;

    private static RNN rnn(boolean batchFirst) {
        return new RNN(I, H, Nonlinearity.TANH, LAYERS, true, batchFirst, DType.FLOAT64, new Rng(11));
    }

    private static RNN.Result run(RNN rnn, Variable x, boolean fused) {
        return fused ? rnn.forward(x) : rnn.forwardComposed(x, null);
    }

    @ParameterizedTest(name = "fused = {0}")
    @ValueSource(booleans = {true, false})
    void timeFirstOutputIsTheBatchFirstOutputOfTheTransposedInput(boolean fused) {
        Tensor timeMajor = Tensor.randn(new Rng(3), DType.FLOAT64, T, B, I);
        RNN.Result batchFirst = run(rnn(true), Variable.constant(timeMajor.transpose(0, 1).contiguous()), fused);
        RNN.Result timeFirst = run(rnn(false), Variable.constant(timeMajor), fused);

        assertArrayEquals(new int[] {T, B, H}, timeFirst.output().shape());
        assertArrayEquals(new int[] {LAYERS, B, H}, timeFirst.hN().shape());
        assertTrue(timeFirst.output().data().allClose(batchFirst.output().data().transpose(0, 1), 1e-12, 1e-12));
        assertTrue(timeFirst.hN().data().allClose(batchFirst.hN().data(), 1e-12, 1e-12));
    }

    @Test
    void float32FusedOutputOfATimeFirstInputMatchesTheBatchFirstOutput() {
        Tensor timeMajor = Tensor.randn(new Rng(8), DType.FLOAT32, T, B, I);
        RNN batchFirst = new RNN(I, H, Nonlinearity.TANH, LAYERS, true, true, DType.FLOAT32, new Rng(12));
        RNN timeFirst = new RNN(I, H, Nonlinearity.TANH, LAYERS, true, false, DType.FLOAT32, new Rng(12));
        Tensor expected = batchFirst.forward(Variable.constant(timeMajor.transpose(0, 1).contiguous())).output().data();
        assertTrue(timeFirst.forward(Variable.constant(timeMajor)).output().data().allClose(expected.transpose(0, 1), 1e-5, 1e-6));
    }

    @ParameterizedTest(name = "fused = {0}")
    @ValueSource(booleans = {true, false})
    void timeFirstParametersGetTheBatchFirstGradients(boolean fused) {
        Tensor timeMajor = Tensor.randn(new Rng(4), DType.FLOAT64, T, B, I);
        RNN batchFirstRnn = rnn(true);
        RNN timeFirstRnn = rnn(false);
        run(batchFirstRnn, Variable.constant(timeMajor.transpose(0, 1).contiguous()), fused).output().pow(2).sum().backward();
        run(timeFirstRnn, Variable.constant(timeMajor), fused).output().pow(2).sum().backward();

        List<Variable> expected = batchFirstRnn.parameters();
        List<Variable> actual = timeFirstRnn.parameters();
        assertEquals(4 * LAYERS, actual.size());
        for (int p = 0; p < actual.size(); p++) {
            assertTrue(actual.get(p).grad().allClose(expected.get(p).grad(), 1e-10, 1e-12), "parameter " + p);
        }
    }

    /** 40 x 9 = 360 rows: the fused backward copies the time-first input in several chunks of steps. */
    @Test
    void fusedBackwardReadsAManyChunkTimeFirstInputThroughItsStrides() {
        int batch = 40;
        int steps = 9;
        Tensor timeMajor = Tensor.randn(new Rng(9), DType.FLOAT64, steps, batch, I);
        Variable batchFirstX = Variable.param(timeMajor.transpose(0, 1).contiguous());
        Variable timeFirstX = Variable.param(timeMajor);
        RNN batchFirstRnn = rnn(true);
        RNN timeFirstRnn = rnn(false);
        batchFirstRnn.forward(batchFirstX).output().pow(2).sum().backward();
        timeFirstRnn.forward(timeFirstX).output().pow(2).sum().backward();

        assertTrue(FusedRnn.chunkSteps(batch, steps) < steps, "more than one chunk");
        assertTrue(timeFirstX.grad().allClose(batchFirstX.grad().transpose(0, 1), 1e-10, 1e-12));
        assertTrue(timeFirstRnn.weightIh(0).grad().allClose(batchFirstRnn.weightIh(0).grad(), 1e-10, 1e-12));
    }

    @ParameterizedTest(name = "fused = {0}")
    @ValueSource(booleans = {true, false})
    void timeFirstGradientsMatchFiniteDifferences(boolean fused) {
        RNN rnn = rnn(false);
        Tensor x = Tensor.randn(new Rng(5), DType.FLOAT64, T, B, I);
        Tensor h0 = Tensor.randn(new Rng(6), DType.FLOAT64, LAYERS, B, H).mul(0.5);
        GradCheck.assertGradients(v -> {
            RNN.Result r = fused ? rnn.forward(v[0], v[1]) : rnn.forwardComposed(v[0], v[1]);
            return r.output().pow(2).sum().add(r.hN().sum());
        }, x, h0);
    }

    @Test
    void timeFirstShapeErrorNamesTheTimeFirstLayout() {
        RNN rnn = rnn(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(Variable.constant(Tensor.zeros(DType.FLOAT64, T, B, I + 1))));
        assertEquals("RNN: expected input [T, B, 2] with T >= 1, got [5, 3, 3]", e.getMessage());
    }

    @Test
    void initialStateIsLayersByBatchInEitherLayout() {
        RNN rnn = rnn(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.forward(Variable.constant(Tensor.zeros(DType.FLOAT64, T, B, I)),
                        Variable.constant(Tensor.zeros(DType.FLOAT64, LAYERS, T, H))));
        assertEquals("RNN: expected initial state [2, 3, 4], got [2, 5, 4]", e.getMessage());
    }

    @Test
    void timeFirstShowsInTheModuleDescription() {
        assertEquals("RNN(input=2, hidden=4, layers=2, nonlinearity=TANH, bias=true, batchFirst=false)", rnn(false).toString());
        assertEquals("RNN(input=2, hidden=4, layers=2, nonlinearity=TANH, bias=true)", rnn(true).toString());
    }
}
