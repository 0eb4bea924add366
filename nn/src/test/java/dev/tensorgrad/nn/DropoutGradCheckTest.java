package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.GradCheck;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks of dropout's gradient in FLOAT64 on every input layout. Each evaluation
 * builds the layer from a generator of the same seed, so every evaluation draws the same mask and
 * dropout is, for the check, a fixed elementwise function: zero or 1/(1-p) times its input.
 */
class DropoutGradCheckTest {
    private static final int ROWS = 4;
    private static final int COLS = 5;
    private static final long SEED = 31;

    private static Variable dropped(MatrixLayout layout, Variable raw) {
        return new Dropout(0.5, new Rng(SEED)).forward(layout.view(raw, ROWS, COLS));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void gradientOfEveryLayoutPassesGradcheck(MatrixLayout layout) {
        Tensor x = layout.raw(new Rng(32), ROWS, COLS);
        GradCheck.assertGradients(v -> dropped(layout, v[0]), x);
    }

    /** Without both kept and dropped elements the check above would not test the mask. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(MatrixLayout.class)
    void theCheckedMaskKeepsSomeElementsAndDropsOthers(MatrixLayout layout) {
        Tensor x = layout.raw(new Rng(32), ROWS, COLS);
        double[] y = dropped(layout, Variable.constant(x)).data().toDoubleArray();
        long zeros = Arrays.stream(y).filter(value -> value == 0).count();
        assertTrue(zeros > 0 && zeros < y.length, zeros + " of " + y.length + " elements dropped");
    }
}
