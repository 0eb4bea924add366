package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What backward does beyond the chain rule: accumulation, scopes, hooks and its error messages. */
class BackwardSemanticsTest {
    private static Variable vector(double... values) {
        return Variable.param(Tensor.of(values));
    }

    @Test
    void gradientsAccumulateAcrossTwoBackwardCalls() {
        Variable x = vector(1, 2, 3);
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {4, 8, 12}, x.grad().toDoubleArray()); // 2 * 2x
    }

    @Test
    void zeroGradClearsTheAccumulatedGradient() {
        Variable x = vector(1, 2, 3);
        x.mul(x).sum().backward();
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {3, 3, 3}, x.grad().toDoubleArray());
    }

    @Test
    void noGradCreatesNoGraph() {
        Variable x = vector(1, 2);
        Variable y;
        try (var scope = Graph.noGrad()) {
            assertFalse(Graph.isGradEnabled());
            y = x.mul(x).exp();
        }
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertTrue(Graph.isGradEnabled());
        assertNotNull(x.mul(x).gradFn());
    }

    @Test
    void detachStopsTheGradient() {
        Variable x = vector(1, 2, 3);
        Variable frozen = x.mul(2.0).detach();
        assertFalse(frozen.requiresGrad());
        frozen.mul(x).sum().backward();
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toDoubleArray()); // d(2x_frozen * x)/dx = 2x, not 4x
    }

    @Test
    void aDiamondGraphSumsTheGradientsOfBothPaths() {
        double[] values = {-0.5, 0.3, 1.2};
        Variable x = vector(values);
        Variable b = x.tanh();
        b.mul(2.0).add(b.exp()).sum().backward();
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(values[i]);
            expected[i] = (2 + Math.exp(t)) * (1 - t * t);
        }
        assertArrayEquals(expected, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aValueUsedTwiceByOneOpGetsBothGradients() {
        Variable x = vector(3, -1);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {6, -2}, x.grad().toDoubleArray());
    }

    @Test
    void hookSeesTheGradientOfAnIntermediateValue() {
        Variable x = vector(1, 2);
        Variable h = x.mul(2.0);
        List<Tensor> seen = new ArrayList<>();
        h.registerHook(g -> {
            seen.add(g.copy());
            return null;
        });
        h.mul(h).sum().backward(); // dL/dh = 2h = 4x
        assertArrayEquals(new double[] {4, 8}, seen.get(0).toDoubleArray());
        assertArrayEquals(new double[] {8, 16}, x.grad().toDoubleArray());
    }

    @Test
    void eachBackwardPassHasItsOwnNumberAndNoneOutsideAPass() {
        assertEquals(0, Graph.backwardPass());
        long[] seen = new long[2];
        for (int pass = 0; pass < 2; pass++) {
            int p = pass;
            Variable loss = vector(1, 2).mul(2.0).sum();
            loss.registerHook(g -> {
                seen[p] = Graph.backwardPass();
                return null;
            });
            loss.backward();
        }
        assertTrue(seen[0] > 0 && seen[1] > 0);
        assertNotEquals(seen[0], seen[1]);
        assertEquals(0, Graph.backwardPass());
    }

    @Test
    void aPassRunInsideAHookRestoresTheOuterPassNumber() {
        Variable h = vector(1, 2).mul(2.0);
        long[] seen = new long[2];
        h.registerHook(g -> {
            seen[0] = Graph.backwardPass();
            vector(3).mul(2.0).sum().backward();
            seen[1] = Graph.backwardPass();
            return null;
        });
        h.sum().backward();
        assertTrue(seen[0] > 0);
        assertEquals(seen[0], seen[1]);
    }

    @Test
    void aFailedPassRestoresTheNumberOutsideAnyPass() {
        Variable h = vector(1, 2).mul(2.0);
        h.registerHook(g -> {
            throw new IllegalStateException("planned failure");
        });
        assertThrows(IllegalStateException.class, () -> h.sum().backward());
        assertEquals(0, Graph.backwardPass());
    }

    @Test
    void hookOnALeafSeesTheSummedGradientOnce() {
        Variable x = vector(1, 2);
        List<Tensor> seen = new ArrayList<>();
        x.registerHook(g -> {
            seen.add(g.copy());
            return null;
        });
        x.mul(3.0).add(x).sum().backward();
        assertTrue(seen.size() == 1);
        assertArrayEquals(new double[] {4, 4}, seen.get(0).toDoubleArray());
    }

    @Test
    void hookCanReplaceTheGradient() {
        Variable x = vector(1, 2);
        Variable h = x.mul(2.0);
        h.registerHook(g -> g.mul(10));
        h.sum().backward();
        assertArrayEquals(new double[] {20, 20}, x.grad().toDoubleArray());
    }

    @Test
    void retainGradKeepsTheGradientOfANonLeaf() {
        Variable x = vector(1, 2);
        Variable h = x.mul(3.0).retainGrad();
        Variable other = x.mul(3.0);
        h.mul(h).add(other).sum().backward();
        assertArrayEquals(new double[] {6, 12}, h.grad().toDoubleArray()); // 2h
        assertNull(other.grad());
    }

    @Test
    void backwardTwiceWithoutRetainGraphThrowsAClearError() {
        Variable x = vector(1, 2);
        Variable loss = x.exp().sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("already freed"), e.getMessage());
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Variable x = vector(1, 2);
        Variable loss = x.mul(x).sum();
        loss.backward(true);
        loss.backward();
        assertArrayEquals(new double[] {4, 8}, x.grad().toDoubleArray());
    }

    @Test
    void backwardOnANonScalarWithoutAGradientThrows() {
        Variable y = vector(1, 2).exp();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("not a scalar"), e.getMessage());
    }

    @Test
    void backwardWithAnExplicitGradientComputesTheVectorJacobianProduct() {
        Variable x = vector(1, 2);
        x.mul(x).backward(Tensor.of(10.0, 100.0));
        assertArrayEquals(new double[] {20, 400}, x.grad().toDoubleArray());
    }

    @Test
    void backwardWithAGradientOfTheWrongShapeThrows() {
        Variable y = vector(1, 2).exp();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.of(1.0, 2.0, 3.0)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void backwardOnATensorThatDoesNotRequireGradThrows() {
        Variable c = Variable.constant(Tensor.of(1.0, 2.0)).mul(Variable.constant(Tensor.of(3.0, 4.0))).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::backward);
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void inPlaceModificationOfASavedTensorIsDetected() {
        Tensor a = Tensor.of(1.0, 2.0);
        Variable w = vector(3, 4);
        Variable loss = Variable.constant(a).mul(w).sum();
        a.set(5.0, 0); // mul saved a for its backward: dL/dw = a
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'mul'") && e.getMessage().contains("modified in place"), e.getMessage());
    }

    @Test
    void inPlaceModificationOfASavedOutputIsDetected() {
        Variable x = vector(1, 2);
        Variable y = x.exp(); // exp saves its output: d(e^x)/dx = e^x
        Variable loss = y.sum();
        y.data().mulInPlace(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'exp'"), e.getMessage());
    }

    @Test
    void inPlaceModificationOfAWhereMaskIsDetected() {
        Tensor mask = Tensor.of(1.0, 0.0);
        Variable a = vector(1, 2);
        Variable loss = Variable.where(mask, a, vector(3, 4)).sum();
        mask.fill(1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'where'"), e.getMessage());
    }

    @Test
    void gradientHasTheDtypeAndShapeOfTheLeaf() {
        Variable x = Variable.param(Tensor.ones(DType.FLOAT32, 2, 3));
        x.mul(x).sum().backward();
        assertSame(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new int[] {2, 3}, x.grad().shape());
    }

    @Test
    void registeringAHookOnAConstantThrows() {
        Variable c = Variable.constant(Tensor.of(1.0));
        assertThrows(IllegalStateException.class, () -> c.registerHook(g -> g));
    }

    @Test
    void aHookReturningAnotherShapeOrDtypeIsRefusedNamingBothShapes() {
        Variable x = vector(1, 2);
        Variable h = x.mul(2.0);
        h.registerHook(g -> Tensor.ones(DType.FLOAT64, 3, 2));
        IllegalStateException shape = assertThrows(IllegalStateException.class, () -> h.sum().backward());
        assertEquals("registerHook: a hook on a variable of shape [2] (float64) returned a gradient of shape [3, 2]"
                + " (float64)", shape.getMessage());
        Variable p = vector(1, 2);
        p.registerHook(g -> g.to(DType.FLOAT32));
        assertThrows(IllegalStateException.class, () -> p.mul(2.0).sum().backward());
        assertNull(p.grad());
    }

    @Test
    void backwardFreesEachNodesSavedTensorsAndInputsSoAKeptLossHoldsNoActivations() {
        Variable x = vector(1, 2);
        Variable loss = x.exp().tanh().sum();
        Node tanh = loss.gradFn().inputs().get(0).gradFn();
        loss.backward();
        assertTrue(loss.gradFn().inputs().isEmpty());
        assertTrue(tanh.inputs().isEmpty());
    }

    @Test
    void retainGraphKeepsEachNodesInputs() {
        Variable x = vector(1, 2);
        Variable loss = x.exp().sum();
        loss.backward(true);
        assertEquals(1, loss.gradFn().inputs().size());
        assertEquals("exp", loss.gradFn().inputs().get(0).gradFn().op());
    }

    @Test
    void retainGradOnAVariableWithoutGradIsRefused() {
        Variable c = Variable.constant(Tensor.of(1.0, 2.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::retainGrad);
        assertTrue(e.getMessage().startsWith("retainGrad:"), e.getMessage());
    }

    @Test
    void closingANoGradScopeTwiceDoesNotUndoALaterScope() {
        Graph.Scope outer = Graph.noGrad();
        outer.close();
        try (Graph.Scope inner = Graph.noGrad()) {
            outer.close();
            assertFalse(vector(1, 2).mul(2.0).requiresGrad());
        }
        assertTrue(vector(1, 2).mul(2.0).requiresGrad());
    }

    @Test
    void aRemovedHookIsNoLongerCalled() {
        Variable x = vector(1, 2);
        Variable h = x.mul(2.0);
        GradHook.Handle tenfold = h.registerHook(g -> g.mul(10));
        tenfold.remove();
        tenfold.remove();
        h.sum().backward();
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void enableGradRecordsInsideANoGradScope() {
        try (Graph.Scope off = Graph.noGrad()) {
            try (Graph.Scope on = Graph.enableGrad()) {
                assertTrue(vector(1, 2).mul(2.0).requiresGrad());
            }
            assertFalse(vector(1, 2).mul(2.0).requiresGrad());
        }
    }

    @Test
    void aFrozenLeafGetsNoGradientAndOnlyLeavesCanBeFrozen() {
        Variable frozen = vector(1, 2).setRequiresGrad(false);
        Variable trained = vector(3, 4);
        frozen.mul(trained).sum().backward();
        assertNull(frozen.grad());
        assertArrayEquals(new double[] {1, 2}, trained.grad().toDoubleArray());
        Variable computed = trained.mul(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> computed.setRequiresGrad(false));
        assertTrue(e.getMessage().contains("only a leaf"), e.getMessage());
    }

    @Test
    void aHookMayRemoveItselfWhileBackwardRunsIt() {
        Variable x = vector(1, 2);
        Variable h = x.mul(2.0);
        GradHook.Handle[] handle = new GradHook.Handle[1];
        int[] calls = {0};
        handle[0] = h.registerHook(g -> {
            calls[0]++;
            handle[0].remove();
            return null;
        });
        h.sum().backward(true);
        h.sum().backward();
        assertEquals(1, calls[0]);
    }
}
