package dev.tensorgrad.nn;

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

/**
 * Finite-difference checks in FLOAT64 of CrossEntropyLoss's gradient with ignored targets, class
 * weights and label smoothing, for [N, C] logits of every {@link MatrixLayout} and for [N, C, T]
 * logits laid out contiguously, permuted, sliced and broadcast, under every reduction.
 */
class CrossEntropyOptionsGradCheckTest {
    private static final int ROWS = 4;
    private static final int COLS = 3;
    private static final int[] TARGETS = {1, -100, 0, 2};
    private static final int N = 2;
    private static final int C = 3;
    private static final int T = 4;
    private static final int[][] SEQUENCE_TARGETS = {{0, 2, -100, 1}, {2, 1, 0, 1}};

    /** How [N, C, T] logits are laid out: the 3-D counterpart of {@link MatrixLayout}. */
    enum SequenceLayout {
        /** Row-major without gaps. */
        CONTIGUOUS,
        /** The transpose of dims 1 and 2 of an [N, T, C] tensor. */
        PERMUTED,
        /** Every other step, starting at step 1, of an [N, C, 2T + 1] tensor. */
        SLICED,
        /** One [C, T] matrix expanded to [N, C, T] with stride 0 along N. */
        BROADCAST;

        Tensor raw(Rng rng) {
            return switch (this) {
                case CONTIGUOUS -> Tensor.randn(rng, DType.FLOAT64, N, C, T);
                case PERMUTED -> Tensor.randn(rng, DType.FLOAT64, N, T, C);
                case SLICED -> Tensor.randn(rng, DType.FLOAT64, N, C, 2 * T + 1);
                case BROADCAST -> Tensor.randn(rng, DType.FLOAT64, C, T);
            };
        }

        Variable view(Variable raw) {
            return switch (this) {
                case CONTIGUOUS -> raw;
                case PERMUTED -> raw.transpose(1, 2);
                case SLICED -> raw.slice(2, 1, 2 * T + 1, 2);
                case BROADCAST -> raw.expand(N, C, T);
            };
        }
    }

    static Stream<Arguments> sequenceLayoutsAndReductions() {
        List<Arguments> all = new ArrayList<>();
        for (SequenceLayout layout : SequenceLayout.values()) {
            for (Reduction reduction : Reduction.values()) {
                all.add(Arguments.of(layout, reduction));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void gradientWithIgnoredTargetsOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        CrossEntropyLoss ce = new CrossEntropyLoss(reduction, null);
        GradCheck.assertGradients(v -> ce.forward(layout.view(v[0], ROWS, COLS), TARGETS),
                layout.raw(new Rng(41), ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void gradientWithWeightsIgnoredTargetsAndLabelSmoothingOfEveryLayoutPassesGradcheck(
            MatrixLayout layout, Reduction reduction) {
        CrossEntropyLoss ce = new CrossEntropyLoss(reduction, Tensor.of(0.5, 2.0, 1.5), -100, 0.2);
        GradCheck.assertGradients(v -> ce.forward(layout.view(v[0], ROWS, COLS), TARGETS),
                layout.raw(new Rng(42), ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("sequenceLayoutsAndReductions")
    void sequenceGradientOfEveryLayoutPassesGradcheck(SequenceLayout layout, Reduction reduction) {
        CrossEntropyLoss ce = new CrossEntropyLoss(reduction, Tensor.of(0.5, 2.0, 1.5));
        GradCheck.assertGradients(v -> ce.forward(layout.view(v[0]), SEQUENCE_TARGETS), layout.raw(new Rng(43)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("sequenceLayoutsAndReductions")
    void smoothedSequenceGradientOfEveryLayoutPassesGradcheck(SequenceLayout layout, Reduction reduction) {
        CrossEntropyLoss ce = new CrossEntropyLoss(reduction, null, -100, 0.1);
        GradCheck.assertGradients(v -> ce.forward(layout.view(v[0]), SEQUENCE_TARGETS), layout.raw(new Rng(44)));
    }
}
