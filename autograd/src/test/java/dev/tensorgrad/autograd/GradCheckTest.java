package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GradCheck accepts correct gradients, and reports a wrong one precisely enough to find the bug. */
class GradCheckTest {
    /** square(x) = x^2 with a backward that is wrong by +1 at flat position `badAt` only. */
    private static CustomOp squareWrongAt(int badAt) {
        return CustomOp.of("badSquare", in -> in[0].mul(in[0]), (g, in, out) -> {
            Tensor grad = g.mul(in[0]).mul(2).contiguous();
            double[] values = grad.toDoubleArray();
            values[badAt] += 1;
            return new Tensor[] {Tensor.of(values, grad.shape())};
        });
    }

    @Test
    void correctGradientsPassWithSmallErrors() {
        Tensor x = Inputs.randn(new Rng(71), 2, 3);
        GradCheck.Result result = GradCheck.check(v -> v[0].tanh().mul(v[0]).sum(), x);
        assertTrue(result.passed(), result.message());
        assertEquals(1, result.maxErrors().length);
        assertTrue(result.maxErrors()[0] < 1e-7, result.message());
    }

    @Test
    void aWrongBackwardFailsAndTheMessageNamesInputShapeIndexValuesAndError() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradients(v -> squareWrongAt(5).apply(v[0]).sum(), x));
        String message = e.getMessage();
        assertTrue(message.contains("input 0 of shape [2, 3]"), message);
        assertTrue(message.contains("at index [1, 2]"), message);
        // analytic 2 * 6 + 1 = 13; numerical 2 * 6 = 12 up to finite-difference rounding
        assertTrue(message.matches("(?s).*analytic 13\\.0 vs numerical (11\\.9999|12\\.0000)\\d*.*"), message);
        assertTrue(message.matches("(?s).*\\(error (0\\.9999|1\\.0000)\\d*.*"), message);
    }

    @Test
    void onlyTheInputWithTheWrongGradientFails() {
        Tensor a = Inputs.randn(new Rng(72), 3);
        Tensor b = Inputs.randn(new Rng(73), 4);
        GradCheck.Result result = GradCheck.check(v -> v[0].sum().mul(squareWrongAt(2).apply(v[1]).sum()), a, b);
        assertFalse(result.passed());
        assertTrue(result.inputs().get(0).passed());
        assertFalse(result.inputs().get(1).passed());
        assertArrayEquals(new int[] {2}, result.inputs().get(1).worstIndex());
        assertFalse(result.message().contains("input 0"), result.message());
    }

    @Test
    void aNonScalarOutputIsCheckedThroughARandomVectorJacobianProduct() {
        Tensor x = Inputs.randn(new Rng(74), 3, 2);
        assertTrue(GradCheck.check(v -> v[0].softmax(1), x).passed());
        assertFalse(GradCheck.check(v -> squareWrongAt(4).apply(v[0]), x).passed());
    }

    @Test
    void float32InputsAreRejectedWithAClearError() {
        Tensor x = Tensor.ones(DType.FLOAT32, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(v -> v[0].sum(), x));
        assertTrue(e.getMessage().contains("input 0") && e.getMessage().contains("FLOAT64"), e.getMessage());
    }

    @Test
    void anOutputThatIgnoresTheInputsIsRejected() {
        Tensor x = Tensor.of(1.0, 2.0);
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(v -> Variable.constant(Tensor.of(3.0)), x));
    }

    @Test
    void theCallersInputsAreNotModified() {
        Tensor x = Tensor.of(0.5, -1.0);
        GradCheck.assertGradients(v -> v[0].exp().sum(), x);
        assertArrayEquals(new double[] {0.5, -1.0}, x.toDoubleArray());
        assertEquals(0, x.storage().version());
    }

    @Test
    void toleranceOptionsDecideWhatPasses() {
        Tensor x = Tensor.of(1.0, 2.0);
        // A gradient off by 1 passes only with a tolerance above 1.
        GradCheck.Options loose = GradCheck.Options.defaults().withTolerances(1.5, 0);
        assertTrue(GradCheck.check(v -> squareWrongAt(0).apply(v[0]).sum(), loose, x).passed());
        assertFalse(GradCheck.check(v -> squareWrongAt(0).apply(v[0]).sum(), x).passed());
    }

    @Test
    void defaultsArePyTorchs() {
        GradCheck.Options defaults = GradCheck.Options.defaults();
        assertEquals(1e-6, defaults.eps());
        assertEquals(1e-5, defaults.atol());
        assertEquals(1e-3, defaults.rtol());
    }

    @Test
    void optionsRejectAStepOrTolerancesThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.defaults().withEps(0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.defaults().withEps(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.defaults().withTolerances(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.defaults().withTolerances(0, Double.NaN));
    }

    @Test
    void aFunctionReturningNullIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(v -> null, Tensor.of(1.0)));
        assertEquals("gradcheck: f returned null instead of a variable", e.getMessage());
    }
}
