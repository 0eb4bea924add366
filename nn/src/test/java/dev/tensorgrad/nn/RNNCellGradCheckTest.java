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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks in FLOAT64 of one RNN step, h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh),
 * for every nonlinearity, with x [B, I] and h [B, H] in every layout, and for its parameters.
 */
class RNNCellGradCheckTest {
    private static final int B = 3;
    private static final int I = 2;
    private static final int H = 3;

    static Stream<Arguments> nonlinearitiesAndLayouts() {
        List<Arguments> all = new ArrayList<>();
        for (Nonlinearity act : Nonlinearity.values()) {
            for (MatrixLayout layout : MatrixLayout.values()) {
                all.add(Arguments.of(act, layout));
            }
        }
        return all.stream();
    }

    private static RNNCell cell(Nonlinearity act, boolean bias) {
        return new RNNCell(I, H, act, bias, DType.FLOAT64, new Rng(71));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("nonlinearitiesAndLayouts")
    void gradientsOfInputAndHiddenStateOfEveryLayoutPassGradcheck(Nonlinearity act, MatrixLayout layout) {
        RNNCell cell = cell(act, true);
        Rng rng = new Rng(72);
        GradCheck.assertGradients(v -> cell.forward(layout.view(v[0], B, I), layout.view(v[1], B, H)),
                layout.raw(rng, B, I), layout.raw(rng, B, H));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Nonlinearity.class)
    void gradientOfInputFromAZeroHiddenStatePassesGradcheck(Nonlinearity act) {
        RNNCell cell = cell(act, true);
        GradCheck.assertGradients(v -> cell.forward(v[0], null), MatrixLayout.CONTIGUOUS.raw(new Rng(73), B, I));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("nonlinearitiesAndLayouts")
    void parameterGradientsForInputsOfEveryLayoutMatchFiniteDifferences(Nonlinearity act, MatrixLayout layout) {
        RNNCell cell = cell(act, true);
        Rng rng = new Rng(74);
        Variable x = layout.view(Variable.constant(layout.raw(rng, B, I)), B, I);
        Variable h = layout.view(Variable.constant(layout.raw(rng, B, H)), B, H);
        Variable readout = Variable.constant(Tensor.randn(rng, DType.FLOAT64, B, H));
        NumericGradient.check(() -> cell.forward(x, h).mul(readout).sum(), cell.parameters());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Nonlinearity.class)
    void weightGradientsOfACellWithoutBiasMatchFiniteDifferences(Nonlinearity act) {
        RNNCell cell = cell(act, false);
        Rng rng = new Rng(75);
        Variable x = Variable.constant(Tensor.randn(rng, DType.FLOAT64, B, I));
        Variable h = Variable.constant(Tensor.randn(rng, DType.FLOAT64, B, H));
        Variable readout = Variable.constant(Tensor.randn(rng, DType.FLOAT64, B, H));
        NumericGradient.check(() -> cell.forward(x, h).mul(readout).sum(), cell.parameters());
    }
}
