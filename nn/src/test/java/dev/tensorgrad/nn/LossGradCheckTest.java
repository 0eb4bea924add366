package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every loss's gradient in FLOAT64, with the differentiable operand
 * laid out contiguously, transposed, strided and broadcast (an expanded stride-0 view of the same
 * shape: the losses refuse operands of different shapes), under every reduction.
 */
class LossGradCheckTest {
    private static final int ROWS = 4;
    private static final int COLS = 3;
    private static final int[] TARGETS = {1, 2, 0, 2};

    /** Targets for binary cross-entropy: probabilities in [0, 1], in the given layout. */
    private static Tensor probabilities(MatrixLayout layout, Rng rng) {
        Tensor raw = layout.raw(rng, ROWS, COLS).sigmoid();
        return layout.view(Variable.constant(raw), ROWS, COLS).data();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void mseGradientsOfInputAndTargetOfEveryLayoutPassGradcheck(MatrixLayout layout, Reduction reduction) {
        Rng rng = new Rng(21);
        MSELoss mse = new MSELoss(reduction);
        GradCheck.assertGradients(v -> mse.forward(layout.view(v[0], ROWS, COLS), layout.view(v[1], ROWS, COLS)),
                layout.raw(rng, ROWS, COLS), layout.raw(rng, ROWS, COLS));
    }

    /** PyTorch would broadcast a [cols] prediction itself; here the caller expands it to the target's shape. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Reduction.class)
    void mseGradientsOfAnExpandedRowAgainstAFullTargetPassGradcheck(Reduction reduction) {
        Rng rng = new Rng(22);
        MSELoss mse = new MSELoss(reduction);
        GradCheck.assertGradients(v -> mse.forward(v[0].expand(ROWS, COLS), v[1]),
                MatrixLayout.BROADCAST.raw(rng, ROWS, COLS), MatrixLayout.CONTIGUOUS.raw(rng, ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void crossEntropyGradientOfLogitsOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        CrossEntropyLoss ce = new CrossEntropyLoss(reduction, null);
        GradCheck.assertGradients(v -> ce.forward(layout.view(v[0], ROWS, COLS), TARGETS),
                layout.raw(new Rng(23), ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void weightedCrossEntropyGradientOfLogitsOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        CrossEntropyLoss ce = new CrossEntropyLoss(reduction, Tensor.of(0.5, 2.0, 1.5));
        GradCheck.assertGradients(v -> ce.forward(layout.view(v[0], ROWS, COLS), TARGETS),
                layout.raw(new Rng(24), ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void bceWithLogitsGradientOfLogitsOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        Rng rng = new Rng(25);
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss(reduction);
        Tensor targets = probabilities(MatrixLayout.CONTIGUOUS, rng);
        GradCheck.assertGradients(v -> bce.forward(layout.view(v[0], ROWS, COLS), targets),
                layout.raw(rng, ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("dev.tensorgrad.nn.MatrixLayout#withEveryReduction")
    void bceWithLogitsGradientWithTargetsOfEveryLayoutPassesGradcheck(MatrixLayout layout, Reduction reduction) {
        Rng rng = new Rng(26);
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss(reduction);
        Tensor targets = probabilities(layout, rng);
        GradCheck.assertGradients(v -> bce.forward(v[0], targets), MatrixLayout.CONTIGUOUS.raw(rng, ROWS, COLS));
    }
}
