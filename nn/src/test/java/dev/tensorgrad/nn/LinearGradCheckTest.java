package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks of Linear's gradients in FLOAT64: for the input, made inside the checked
 * function in every layout (2-D, and 3-D views that fold into rows differently), and for the weight
 * and bias while the layer reads an input of that layout.
 */
class LinearGradCheckTest {
    private static final int ROWS = 4;
    private static final int IN = 3;
    private static final int OUT = 2;

    /** A [B, T, IN] input laid out in one of the ways a sequence model hands it to a Linear head. */
    enum SequenceLayout {
        /** Row-major without gaps. */
        CONTIGUOUS,
        /** Time-major [T, B, IN] seen batch first: an RNN's output. */
        TIME_MAJOR,
        /** Every other step and every other feature of a [B, 2T, 2 IN + 1] tensor. */
        STRIDED,
        /** One [T, IN] sequence expanded along the batch with stride 0. */
        BATCH_BROADCAST;

        static final int B = 2;
        static final int T = 3;

        Tensor raw(Rng rng) {
            return switch (this) {
                case CONTIGUOUS -> Tensor.randn(rng, DType.FLOAT64, B, T, IN);
                case TIME_MAJOR -> Tensor.randn(rng, DType.FLOAT64, T, B, IN);
                case STRIDED -> Tensor.randn(rng, DType.FLOAT64, B, 2 * T, 2 * IN + 1);
                case BATCH_BROADCAST -> Tensor.randn(rng, DType.FLOAT64, T, IN);
            };
        }

        Variable view(Variable raw) {
            return switch (this) {
                case CONTIGUOUS -> raw;
                case TIME_MAJOR -> raw.transpose(0, 1);
                case STRIDED -> raw.slice(1, 0, 2 * T, 2).slice(2, 1, 2 * IN + 1, 2);
                case BATCH_BROADCAST -> raw.unsqueeze(0).expand(B, T, IN);
            };
        }
    }

    private static Linear layer(boolean bias) {
        return new Linear(IN, OUT, bias, DType.FLOAT64, new Rng(41));
    }

    /** Gradcheck checks backward against forward; this checks that forward reads every layout right. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SequenceLayout.class)
    void outputForAnInputOfEverySequenceLayoutEqualsThatForItsContiguousCopy(SequenceLayout layout) {
        Linear linear = layer(true);
        Variable x = layout.view(Variable.constant(layout.raw(new Rng(40))));
        double[] expected = linear.forward(Variable.constant(x.data().contiguous())).data().toDoubleArray();
        assertArrayEquals(expected, linear.forward(x).data().toDoubleArray(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void inputGradientOfEveryMatrixLayoutPassesGradcheck(MatrixLayout layout) {
        Linear linear = layer(true);
        GradCheck.assertGradients(v -> linear.forward(layout.view(v[0], ROWS, IN)), layout.raw(new Rng(42), ROWS, IN));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SequenceLayout.class)
    void inputGradientOfEverySequenceLayoutPassesGradcheck(SequenceLayout layout) {
        Linear linear = layer(true);
        GradCheck.assertGradients(v -> linear.forward(layout.view(v[0])), layout.raw(new Rng(43)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void weightAndBiasGradientsForAnInputOfEveryMatrixLayoutMatchFiniteDifferences(MatrixLayout layout) {
        Linear linear = layer(true);
        Variable x = layout.view(Variable.constant(layout.raw(new Rng(44), ROWS, IN)), ROWS, IN);
        Variable readout = Variable.constant(Tensor.randn(new Rng(45), DType.FLOAT64, ROWS, OUT));
        NumericGradient.check(() -> linear.forward(x).mul(readout).sum(), linear.parameters());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SequenceLayout.class)
    void weightAndBiasGradientsForAnInputOfEverySequenceLayoutMatchFiniteDifferences(SequenceLayout layout) {
        Linear linear = layer(true);
        Variable x = layout.view(Variable.constant(layout.raw(new Rng(46))));
        Variable readout = Variable.constant(Tensor.randn(new Rng(47), DType.FLOAT64, SequenceLayout.B, SequenceLayout.T, OUT));
        NumericGradient.check(() -> linear.forward(x).mul(readout).sum(), linear.parameters());
    }
}
