package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks in FLOAT64 of both RNN implementations, every nonlinearity, 1 and 2
 * layers, with x and h0 in the layouts a caller hands them over: permuted, sliced with a step,
 * expanded with stride 0. The fused forward reads x through its strides (a GEMM per step) and its
 * backward copies x and the output's gradient step by step with a strided fallback for rows whose
 * features are not adjacent; these layouts drive both paths.
 */
class RnnGradCheckTest {
    private static final int B = 2;
    private static final int T = 3;
    private static final int I = 2;
    private static final int H = 2;

    /** The two implementations of one function. */
    enum Implementation {
        FUSED, COMPOSED;

        RNN.Result run(RNN rnn, Variable x, Variable h0) {
            return this == FUSED ? rnn.forward(x, h0) : rnn.forwardComposed(x, h0);
        }
    }

    /** How the input x [B, T, I] lies in memory. */
    enum InputLayout {
        /** Row-major without gaps. */
        CONTIGUOUS,
        /** Time-major [T, B, I] data seen batch first (strides [I, B I, 1]). */
        TIME_MAJOR,
        /** Feature-major [I, B, T] data permuted to [B, T, I]: features B T apart, steps adjacent. */
        FEATURE_MAJOR,
        /** Every other step and every other feature of a [B, 2T - 1, 2I] tensor. */
        STRIDED,
        /** One [T, I] sequence expanded along the batch (batch stride 0). */
        BATCH_BROADCAST,
        /** One value per step expanded along the features (feature stride 0). */
        FEATURE_BROADCAST;

        Tensor raw(Rng rng) {
            return switch (this) {
                case CONTIGUOUS -> Tensor.randn(rng, DType.FLOAT64, B, T, I);
                case TIME_MAJOR -> Tensor.randn(rng, DType.FLOAT64, T, B, I);
                case FEATURE_MAJOR -> Tensor.randn(rng, DType.FLOAT64, I, B, T);
                case STRIDED -> Tensor.randn(rng, DType.FLOAT64, B, 2 * T - 1, 2 * I);
                case BATCH_BROADCAST -> Tensor.randn(rng, DType.FLOAT64, T, I);
                case FEATURE_BROADCAST -> Tensor.randn(rng, DType.FLOAT64, B, T, 1);
            };
        }

        Variable view(Variable raw) {
            return switch (this) {
                case CONTIGUOUS -> raw;
                case TIME_MAJOR -> raw.transpose(0, 1);
                case FEATURE_MAJOR -> raw.permute(1, 2, 0);
                case STRIDED -> raw.slice(1, 0, 2 * T - 1, 2).slice(2, 1, 2 * I, 2);
                case BATCH_BROADCAST -> raw.unsqueeze(0).expand(B, T, I);
                case FEATURE_BROADCAST -> raw.expand(B, T, I);
            };
        }
    }

    /** How the initial state h0 [L, B, H] lies in memory. */
    enum StateLayout {
        /** Row-major without gaps. */
        CONTIGUOUS,
        /** [L, H, B] data with its last two dims swapped. */
        TRANSPOSED,
        /** Every other unit of a [L, B, 2H + 1] tensor. */
        STRIDED,
        /** One [L, H] state per layer expanded along the batch (batch stride 0). */
        BATCH_BROADCAST;

        Tensor raw(Rng rng, int layers) {
            Tensor values = switch (this) {
                case CONTIGUOUS -> Tensor.randn(rng, DType.FLOAT64, layers, B, H);
                case TRANSPOSED -> Tensor.randn(rng, DType.FLOAT64, layers, H, B);
                case STRIDED -> Tensor.randn(rng, DType.FLOAT64, layers, B, 2 * H + 1);
                case BATCH_BROADCAST -> Tensor.randn(rng, DType.FLOAT64, layers, 1, H);
            };
            return values.mul(0.5);
        }

        Variable view(Variable raw, int layers) {
            return switch (this) {
                case CONTIGUOUS -> raw;
                case TRANSPOSED -> raw.transpose(1, 2);
                case STRIDED -> raw.slice(2, 1, 2 * H + 1, 2);
                case BATCH_BROADCAST -> raw.expand(layers, B, H);
            };
        }
    }

    /** Every implementation, nonlinearity and depth (1 or 2 layers), with every value of the given layout enum. */
    private static Stream<Arguments> configsWith(Enum<?>[] layouts) {
        List<Arguments> all = new ArrayList<>();
        for (Implementation impl : Implementation.values()) {
            for (Nonlinearity act : Nonlinearity.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (Enum<?> layout : layouts) {
                        all.add(Arguments.of(impl, act, layers, layout));
                    }
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> inputLayouts() {
        return configsWith(InputLayout.values());
    }

    static Stream<Arguments> stateLayouts() {
        return configsWith(StateLayout.values());
    }

    static Stream<Arguments> implementationsNonlinearitiesAndInputLayouts() {
        List<Arguments> all = new ArrayList<>();
        for (Implementation impl : Implementation.values()) {
            for (Nonlinearity act : Nonlinearity.values()) {
                for (InputLayout layout : InputLayout.values()) {
                    all.add(Arguments.of(impl, act, layout));
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> implementationsAndInputLayouts() {
        List<Arguments> all = new ArrayList<>();
        for (Implementation impl : Implementation.values()) {
            for (InputLayout layout : InputLayout.values()) {
                all.add(Arguments.of(impl, layout));
            }
        }
        return all.stream();
    }

    private static RNN rnn(Nonlinearity act, int layers) {
        return new RNN(I, H, act, layers, true, DType.FLOAT64, new Rng(50 + layers));
    }

    /** Both results as one vector, so that gradcheck's random upstream gradient reaches output and hN. */
    private static Variable outputAndHn(RNN.Result r) {
        return Variable.cat(0, r.output().reshape(-1), r.hN().reshape(-1));
    }

    /** Gradcheck checks backward against forward; this checks that forward reads every layout right. */
    @ParameterizedTest(name = "{0}, {1}, {2} layer(s), x {3}")
    @MethodSource("inputLayouts")
    void outputsForAnXOfEveryLayoutEqualThoseForItsContiguousCopy(Implementation impl, Nonlinearity act, int layers,
            InputLayout layout) {
        RNN rnn = rnn(act, layers);
        Rng rng = new Rng(60);
        Variable x = layout.view(Variable.constant(layout.raw(rng)));
        Variable h0 = Variable.constant(StateLayout.CONTIGUOUS.raw(rng, layers));
        double[] expected = outputAndHn(Implementation.COMPOSED.run(rnn, Variable.constant(x.data().contiguous()), h0))
                .data().toDoubleArray();
        assertArrayEquals(expected, outputAndHn(impl.run(rnn, x, h0)).data().toDoubleArray(), 1e-12);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} layer(s), h0 {3}")
    @MethodSource("stateLayouts")
    void outputsForAnH0OfEveryLayoutEqualThoseForItsContiguousCopy(Implementation impl, Nonlinearity act, int layers,
            StateLayout layout) {
        RNN rnn = rnn(act, layers);
        Rng rng = new Rng(60);
        Variable x = Variable.constant(InputLayout.CONTIGUOUS.raw(rng));
        Variable h0 = layout.view(Variable.constant(layout.raw(rng, layers)), layers);
        double[] expected = outputAndHn(Implementation.COMPOSED.run(rnn, x, Variable.constant(h0.data().contiguous())))
                .data().toDoubleArray();
        assertArrayEquals(expected, outputAndHn(impl.run(rnn, x, h0)).data().toDoubleArray(), 1e-12);
    }

    @ParameterizedTest(name = "{0}, {1}, {2} layer(s), x {3}")
    @MethodSource("inputLayouts")
    void gradientsOfXOfEveryLayoutAndOfH0PassGradcheck(Implementation impl, Nonlinearity act, int layers,
            InputLayout layout) {
        RNN rnn = rnn(act, layers);
        Rng rng = new Rng(61);
        GradCheck.assertGradients(v -> outputAndHn(impl.run(rnn, layout.view(v[0]), v[1])),
                layout.raw(rng), StateLayout.CONTIGUOUS.raw(rng, layers));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} layer(s), h0 {3}")
    @MethodSource("stateLayouts")
    void gradientsOfH0OfEveryLayoutAndOfXPassGradcheck(Implementation impl, Nonlinearity act, int layers,
            StateLayout layout) {
        RNN rnn = rnn(act, layers);
        Rng rng = new Rng(62);
        GradCheck.assertGradients(v -> outputAndHn(impl.run(rnn, v[0], layout.view(v[1], layers))),
                InputLayout.CONTIGUOUS.raw(rng), layout.raw(rng, layers));
    }

    /**
     * The fused backward computes layer 0's dW_ih from x copied step by step out of x's own layout;
     * two layers, so that the gradients of a layer fed by another are checked too.
     */
    @ParameterizedTest(name = "{0}, {1}, x {2}")
    @MethodSource("implementationsNonlinearitiesAndInputLayouts")
    void parameterGradientsForAnXOfEveryLayoutMatchFiniteDifferences(Implementation impl, Nonlinearity act,
            InputLayout layout) {
        int layers = 2;
        RNN rnn = rnn(act, layers);
        Rng rng = new Rng(63);
        Variable x = layout.view(Variable.constant(layout.raw(rng)));
        Variable h0 = Variable.constant(StateLayout.CONTIGUOUS.raw(rng, layers));
        Variable readout = Variable.constant(Tensor.randn(rng, DType.FLOAT64, B * T * H + layers * B * H));
        NumericGradient.check(() -> outputAndHn(impl.run(rnn, x, h0)).mul(readout).sum(), rnn.parameters());
    }

    /**
     * The gradient of a sum reaches output as a stride-0 expanded tensor, which the fused backward
     * copies step by step through its strided fallback (hN is left out: its backward would add a
     * second gradient to output's, and the sum of the two is contiguous).
     */
    @ParameterizedTest(name = "{0}, x {1}")
    @MethodSource("implementationsAndInputLayouts")
    void gradientsUnderAnExpandedUpstreamGradientPassGradcheck(Implementation impl, InputLayout layout) {
        int layers = 2;
        RNN rnn = rnn(Nonlinearity.TANH, layers);
        Rng rng = new Rng(64);
        GradCheck.assertGradients(v -> impl.run(rnn, layout.view(v[0]), v[1]).output().sum(),
                layout.raw(rng), StateLayout.CONTIGUOUS.raw(rng, layers));
    }

    /**
     * With 8 sequences a backward chunk holds 16 steps, so 37 steps run as chunks of 16, 16 and 5,
     * and the fused backward copies x and the output's gradient out of their layouts chunk by chunk,
     * each from its own first step: its gradients must equal the composed RNN's.
     */
    @ParameterizedTest(name = "x {0}")
    @ValueSource(strings = {"time-major", "feature-major", "strided", "batch-broadcast"})
    void fusedGradientsAcrossSeveralBackwardChunksEqualTheComposedOnes(String layout) {
        int batch = 8;
        int steps = 37;
        assertEquals(16, FusedRnn.chunkSteps(batch, steps));
        Rng rng = new Rng(65);
        Tensor raw = switch (layout) {
            case "time-major" -> Tensor.randn(rng, DType.FLOAT64, steps, batch, I);
            case "feature-major" -> Tensor.randn(rng, DType.FLOAT64, I, batch, steps);
            case "strided" -> Tensor.randn(rng, DType.FLOAT64, batch, 2 * steps - 1, 2 * I);
            default -> Tensor.randn(rng, DType.FLOAT64, steps, I);
        };
        List<double[]> gradients = new ArrayList<>();
        for (Implementation impl : Implementation.values()) {
            RNN rnn = rnn(Nonlinearity.TANH, 2);
            Variable leaf = Variable.param(raw.copy());
            Variable x = switch (layout) {
                case "time-major" -> leaf.transpose(0, 1);
                case "feature-major" -> leaf.permute(1, 2, 0);
                case "strided" -> leaf.slice(1, 0, 2 * steps - 1, 2).slice(2, 1, 2 * I, 2);
                default -> leaf.unsqueeze(0).expand(batch, steps, I);
            };
            // The gradient of a sum reaches the output expanded (stride 0): the strided copy path.
            impl.run(rnn, x, null).output().sum().backward();
            gradients.add(leaf.grad().toDoubleArray());
            for (Variable p : rnn.parameters()) {
                gradients.add(p.grad().toDoubleArray());
            }
        }
        int half = gradients.size() / 2;
        for (int i = 0; i < half; i++) {
            assertArrayEquals(gradients.get(half + i), gradients.get(i), 1e-12, i == 0 ? "dL/dx" : "parameter " + (i - 1));
        }
    }
}
