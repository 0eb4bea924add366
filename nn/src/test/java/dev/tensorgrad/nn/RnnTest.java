package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.CustomOp;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RnnTest {
    private static final int B = 3;
    private static final int T = 4;
    private static final int I = 2;
    private static final int H = 3;

    /** Every nonlinearity, with 1 and 2 layers, with and without an initial state. */
    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        for (Nonlinearity act : Nonlinearity.values()) {
            for (int layers = 1; layers <= 2; layers++) {
                all.add(Arguments.of(act, layers, false));
                all.add(Arguments.of(act, layers, true));
            }
        }
        return all.stream();
    }

    /** An RNN with a Linear head and an MSE loss, with its inputs, in FLOAT64. */
    private record Setup(RNN rnn, Linear head, Variable x, Variable h0, Variable target) {
        static Setup of(Nonlinearity act, int layers, boolean withH0) {
            return of(act, layers, withH0, B, T, I, H);
        }

        static Setup of(Nonlinearity act, int layers, boolean withH0, int b, int t, int i, int h) {
            Rng rng = new Rng(7 + layers);
            RNN rnn = new RNN(i, h, act, layers, true, DType.FLOAT64, rng);
            Linear head = new Linear(h, 1, true, DType.FLOAT64, rng);
            Variable x = Variable.param(Tensor.randn(rng, DType.FLOAT64, b, t, i));
            Variable h0 = withH0 ? Variable.param(Tensor.randn(rng, DType.FLOAT64, layers, b, h).mul(0.5)) : null;
            Variable target = Variable.constant(Tensor.randn(rng, DType.FLOAT64, b, t, 1));
            return new Setup(rnn, head, x, h0, target);
        }

        /** MSE of the head on every step, plus a term on hN so that its gradient path is exercised too. */
        Variable loss(Function<Setup, RNN.Result> forward) {
            RNN.Result r = forward.apply(this);
            return new MSELoss().forward(head.forward(r.output()), target).add(r.hN().pow(2).mean());
        }

        List<Variable> leaves() {
            List<Variable> leaves = new ArrayList<>(rnn.parameters());
            leaves.addAll(head.parameters());
            leaves.add(x);
            if (h0 != null) {
                leaves.add(h0);
            }
            return leaves;
        }
    }

    private static final Function<Setup, RNN.Result> FUSED = s -> s.rnn.forward(s.x, s.h0);
    private static final Function<Setup, RNN.Result> COMPOSED = s -> s.rnn.forwardComposed(s.x, s.h0);

    @ParameterizedTest(name = "{0}, {1} layer(s), h0 = {2}")
    @MethodSource("configs")
    void fusedGradientsMatchFiniteDifferences(Nonlinearity act, int layers, boolean withH0) {
        Setup s = Setup.of(act, layers, withH0);
        NumericGradient.check(() -> s.loss(FUSED), s.leaves());
    }

    @ParameterizedTest(name = "{0}, {1} layer(s), h0 = {2}")
    @MethodSource("configs")
    void composedGradientsMatchFiniteDifferences(Nonlinearity act, int layers, boolean withH0) {
        Setup s = Setup.of(act, layers, withH0);
        NumericGradient.check(() -> s.loss(COMPOSED), s.leaves());
    }

    @ParameterizedTest(name = "{0}, {1} layer(s), h0 = {2}")
    @MethodSource("configs")
    void fusedAndComposedAgreeOnOutputsAndEveryGradient(Nonlinearity act, int layers, boolean withH0) {
        assertFusedAgreesWithComposed(Setup.of(act, layers, withH0), layers, B, T, H);
    }

    /**
     * At these sizes the fused RNN's GEMMs run full 8-row, two-vector kernel tiles as well as edge
     * tiles (20 rows = 8 + 8 + 4; 40 doubles = two 16-wide blocks + one 8-wide block).
     */
    @ParameterizedTest(name = "{0} layer(s)")
    @ValueSource(ints = {1, 2})
    void fusedAndComposedAgreeAtKernelTileSizes(int layers) {
        assertFusedAgreesWithComposed(Setup.of(Nonlinearity.TANH, layers, true, 20, 6, 5, 40), layers, 20, 6, 40);
    }

    /**
     * With 8 sequences a backward chunk holds 16 steps, so 37 steps run as chunks of 16, 16 and 5:
     * the recurrent gradient has to cross chunk boundaries in every layer.
     */
    @ParameterizedTest(name = "{0} layer(s)")
    @ValueSource(ints = {1, 2, 3})
    void fusedAndComposedAgreeAcrossBackwardChunks(int layers) {
        assertEquals(16, FusedRnn.chunkSteps(8, 37));
        assertFusedAgreesWithComposed(Setup.of(Nonlinearity.TANH, layers, true, 8, 37, 3, 5), layers, 8, 37, 5);
    }

    @ParameterizedTest(name = "{0} layer(s)")
    @ValueSource(ints = {1, 2})
    void gradientsFlowFromHnAlone(int layers) {
        Setup s = Setup.of(Nonlinearity.TANH, layers, true, 8, 37, 3, 5);
        List<Variable> leaves = new ArrayList<>(s.rnn.parameters());
        leaves.add(s.x);
        leaves.add(s.h0);
        NumericGradient.check(() -> s.rnn.forward(s.x, s.h0).hN().pow(2).mean(), leaves);
    }

    /**
     * hN's backward hands its gradient to the RNN node later in the same pass. A pass that fails
     * in between must not leave that gradient behind for the next pass, which does not reach hN.
     */
    @Test
    void aFailedBackwardLeavesNoHnGradientForTheNextPass() {
        Setup s = Setup.of(Nonlinearity.TANH, 2, true);
        RNN.Result r = s.rnn.forward(s.x, s.h0);
        boolean[] fail = {true};
        CustomOp failsOnce = CustomOp.of("failsOnce", in -> in[0].copy(), (g, in, out) -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("planned failure");
            }
            return new Tensor[] {g};
        });
        Variable outputTerm = failsOnce.apply(r.output()).sum();
        boolean[] hNReached = {false};
        r.hN().registerHook(g -> {
            hNReached[0] = true;
            return null;
        });
        // outputTerm first: the engine then runs hN's backward before failsOnce's.
        Variable both = outputTerm.add(r.hN().pow(2).sum());
        assertThrows(IllegalStateException.class, () -> both.backward(true));
        assertTrue(hNReached[0], "hN's gradient was handed over before the failure");
        outputTerm.backward();

        Setup fresh = Setup.of(Nonlinearity.TANH, 2, true);
        fresh.rnn.forward(fresh.x, fresh.h0).output().sum().backward();
        List<Variable> expected = fresh.leaves();
        List<Variable> actual = s.leaves();
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).grad() != null) {
                assertArrayEquals(expected.get(i).grad().toDoubleArray(), actual.get(i).grad().toDoubleArray(), 0);
            }
        }
    }

    /**
     * A hook may run a backward pass of its own through the RNN while the outer pass is between
     * hN and the RNN node; the outer pass must still get hN's gradient.
     */
    @Test
    void aBackwardPassRunFromAHookKeepsTheOuterPassHnGradient() {
        List<List<double[]>> gradients = new ArrayList<>();
        for (Function<Setup, RNN.Result> forward : List.of(COMPOSED, FUSED)) {
            Setup s = Setup.of(Nonlinearity.TANH, 2, true);
            RNN.Result r = forward.apply(s);
            Variable sideLoss = r.output().sum();
            boolean[] sideLossRun = {false};
            r.output().registerHook(g -> {
                if (!sideLossRun[0]) {
                    sideLossRun[0] = true;
                    sideLoss.backward(true);
                }
                return null;
            });
            r.output().pow(2).mean().add(r.hN().pow(2).sum()).backward();
            assertTrue(sideLossRun[0]);
            gradients.add(s.leaves().stream().filter(v -> v.grad() != null).map(v -> v.grad().toDoubleArray()).toList());
        }
        assertEquals(gradients.get(0).size(), gradients.get(1).size());
        for (int i = 0; i < gradients.get(0).size(); i++) {
            assertArrayEquals(gradients.get(0).get(i), gradients.get(1).get(i), 1e-10, "gradient of leaf " + i);
        }
    }

    /**
     * The fused backward reads x, h0 and the weights again (not copies of them), so writing into
     * any of them between forward and backward must be an error rather than a wrong gradient.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weight_ih_l0", "weight_hh_l1", "x", "h0"})
    void inPlaceWriteBetweenForwardAndBackwardIsAnError(String written) {
        Setup s = Setup.of(Nonlinearity.TANH, 2, true);
        Variable loss = s.rnn.forward(s.x, s.h0).output().sum();
        Variable target = switch (written) {
            case "x" -> s.x;
            case "h0" -> s.h0;
            default -> s.rnn.namedParameters().get(written);
        };
        target.data().mulInPlace(0.5);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'rnn'") && e.getMessage().contains("modified in place"), e.getMessage());
    }

    private static void assertFusedAgreesWithComposed(Setup s, int layers, int b, int t, int h) {
        RNN.Result fused = FUSED.apply(s);
        RNN.Result composed = COMPOSED.apply(s);
        assertArrayEquals(composed.output().data().toDoubleArray(), fused.output().data().toDoubleArray(), 1e-10);
        assertArrayEquals(composed.hN().data().toDoubleArray(), fused.hN().data().toDoubleArray(), 1e-10);
        assertArrayEquals(new int[] {b, t, h}, fused.output().shape());
        assertArrayEquals(new int[] {layers, b, h}, fused.hN().shape());

        List<Variable> leaves = s.leaves();
        s.loss(COMPOSED).backward();
        List<double[]> expected = leaves.stream().map(v -> v.grad().toDoubleArray()).toList();
        leaves.forEach(Variable::zeroGrad);
        s.loss(FUSED).backward();
        for (int i = 0; i < leaves.size(); i++) {
            assertArrayEquals(expected.get(i), leaves.get(i).grad().toDoubleArray(), 1e-10, "gradient of leaf " + i);
        }
    }

    @ParameterizedTest(name = "{0}, {1} layer(s), h0 = {2}")
    @MethodSource("configs")
    void fusedStepGradientsEqualComposedHooks(Nonlinearity act, int layers, boolean withH0) {
        Setup s = Setup.of(act, layers, withH0);
        StepGradients fromHooks = new StepGradients();
        StepGradients fromFused = new StepGradients();
        s.loss(z -> z.rnn.forwardComposed(z.x, z.h0, fromHooks)).backward();
        s.loss(z -> z.rnn.forward(z.x, z.h0, fromFused)).backward();
        for (int k = 0; k < layers; k++) {
            for (int t = 0; t < T; t++) {
                assertArrayEquals(fromHooks.get(k, t).toDoubleArray(), fromFused.get(k, t).toDoubleArray(), 1e-10,
                        "dL/dh_" + t + " of layer " + k);
            }
        }
    }

    @ParameterizedTest(name = "fused = {0}")
    @ValueSource(booleans = {true, false})
    void forwardClearsTheStepGradientRecorderBeforeBackward(boolean fused) {
        RNN rnn = new RNN(I, H, Nonlinearity.TANH, 1, true, DType.FLOAT64, new Rng(5));
        StepGradients recorder = new StepGradients();
        Variable twoSteps = Variable.constant(Tensor.randn(new Rng(6), DType.FLOAT64, B, 2, I));
        Variable fiveSteps = Variable.constant(Tensor.randn(new Rng(7), DType.FLOAT64, B, 5, I));
        (fused ? rnn.forward(twoSteps, null, recorder) : rnn.forwardComposed(twoSteps, null, recorder))
                .output().sum().backward();
        if (fused) {
            rnn.forward(fiveSteps, null, recorder);
        } else {
            rnn.forwardComposed(fiveSteps, null, recorder);
        }
        assertEquals(5, recorder.steps());
        assertThrows(IllegalStateException.class, () -> recorder.get(0, 0), "the first pass's gradient is gone");
    }

    @Test
    void stepGradientNormIsTheFrobeniusNormOfTheWholeBatchGradient() {
        RNN rnn = new RNN(I, H, Nonlinearity.TANH, 1, true, DType.FLOAT64, new Rng(5));
        StepGradients recorder = new StepGradients();
        rnn.forward(Variable.constant(Tensor.randn(new Rng(6), DType.FLOAT64, B, 1, I)), null, recorder)
                .output().sum().backward();
        // One step and loss = sum of the output: dL/dh_0 is all ones [B, H], of norm sqrt(B H), not sqrt(H) per sample.
        assertEquals(Math.sqrt(B * H), recorder.norm(0, 0), 1e-12);
    }

    @Test
    void composedHiddenStatesCanBeHookedDirectly() {
        Setup s = Setup.of(Nonlinearity.TANH, 1, false);
        RNN.Result r = s.rnn.forwardComposed(s.x, null);
        Tensor[] seen = new Tensor[1];
        r.hidden().get(0).get(T - 1).registerHook(g -> {
            seen[0] = g.copy();
            return null;
        });
        r.output().sum().backward();
        // h_{T-1} feeds only the output, so its gradient is the output's: all ones.
        assertArrayEquals(Tensor.ones(DType.FLOAT64, B, H).toDoubleArray(), seen[0].toDoubleArray());
    }

    @Test
    void forwardMatchesTheRecurrenceWrittenOut() {
        RNN rnn = new RNN(1, 2, Nonlinearity.TANH, 1, true, DType.FLOAT64, new Rng(3));
        double[] xs = {0.5, -1.0, 2.0};
        Tensor out = rnn.forward(Variable.constant(Tensor.of(xs, 1, 3, 1))).output().data();
        double[] h = {0, 0};
        for (int t = 0; t < 3; t++) {
            double[] next = new double[2];
            for (int i = 0; i < 2; i++) {
                double a = rnn.weightIh(0).data().get(i, 0) * xs[t] + rnn.biasIh(0).data().get(i) + rnn.biasHh(0).data().get(i);
                for (int j = 0; j < 2; j++) {
                    a += rnn.weightHh(0).data().get(i, j) * h[j];
                }
                next[i] = Math.tanh(a);
                assertEquals(next[i], out.get(0, t, i), 1e-14);
            }
            h = next;
        }
    }

    @Test
    void emptyBatchGivesZeroWeightGradients() {
        RNN rnn = new RNN(2, 3, Nonlinearity.TANH, 2, true, DType.FLOAT64, new Rng(4));
        rnn.forward(Variable.param(Tensor.zeros(DType.FLOAT64, 0, 5, 2))).output().sum().backward();
        for (Variable p : rnn.parameters()) {
            assertArrayEquals(new double[p.data().numel()], p.grad().toDoubleArray());
        }
    }

    @Test
    void parametersUsePyTorchNames() {
        RNN rnn = new RNN(2, 3, Nonlinearity.TANH, 2, true, DType.FLOAT32, new Rng(0));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"), List.copyOf(rnn.namedParameters().keySet()));
        assertArrayEquals(new int[] {3, 3}, rnn.weightIh(1).shape());
    }

    @Test
    void wrongInitialStateShapeIsNamed() {
        RNN rnn = new RNN(2, 3, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Variable.constant(Tensor.zeros(4, 5, 2)),
                Variable.constant(Tensor.zeros(1, 5, 3))));
        assertEquals("RNN: expected initial state [1, 4, 3], got [1, 5, 3]", e.getMessage());
    }

    @Test
    void cellMatchesOneStepOfTheRnn() {
        Rng rng = new Rng(5);
        RNNCell cell = new RNNCell(2, 3, Nonlinearity.RELU, true, DType.FLOAT64, rng);
        RNN rnn = new RNN(2, 3, Nonlinearity.RELU, 1, true, DType.FLOAT64, new Rng(5));
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 4, 2);
        Tensor h = cell.forward(Variable.constant(x), null).data();
        Tensor viaRnn = rnn.forward(Variable.constant(x.unsqueeze(1))).output().data().select(1, 0);
        assertArrayEquals(viaRnn.toDoubleArray(), h.toDoubleArray(), 1e-14);
    }
}
