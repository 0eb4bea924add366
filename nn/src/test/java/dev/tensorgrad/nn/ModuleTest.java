package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.optim.SGD;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {
    private static Sequential mlp() {
        Rng rng = new Rng(1);
        return new Sequential(new Linear(3, 4, true, DType.FLOAT64, rng), new Tanh(),
                new Linear(4, 2, false, DType.FLOAT64, rng));
    }

    @Test
    void sequentialNamesParametersLikePyTorch() {
        assertEquals(List.of("0.weight", "0.bias", "2.weight"), List.copyOf(mlp().namedParameters().keySet()));
    }

    @Test
    void nestedModulesJoinNamesWithDots() {
        class Net extends Module {
            Net() {
                registerModule("head", mlp());
            }
        }
        assertTrue(new Net().namedParameters().containsKey("head.2.weight"));
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Sequential net = mlp();
        net.forward(Variable.constant(Tensor.ones(DType.FLOAT64, 5, 3))).sum().backward();
        net.zeroGrad();
        for (Variable p : net.parameters()) {
            assertNull(p.grad());
        }
    }

    @Test
    void evalAndTrainReachEveryChild() {
        Sequential net = mlp();
        net.eval();
        assertFalse(net.get(0).isTraining());
        net.train();
        assertTrue(net.get(2).isTraining());
    }

    @Test
    void loadStateDictCopiesValues() {
        Sequential a = mlp();
        Sequential b = new Sequential(new Linear(3, 4, true, DType.FLOAT64, new Rng(9)), new Tanh(),
                new Linear(4, 2, false, DType.FLOAT64, new Rng(10)));
        b.loadStateDict(a.stateDict());
        assertArrayEquals(a.get(0).parameters().get(0).data().toDoubleArray(),
                b.get(0).parameters().get(0).data().toDoubleArray());
    }

    @Test
    void loadStateDictNamesMissingUnexpectedAndMisShapedKeys() {
        Sequential net = mlp();
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        state.remove("0.bias");
        state.put("3.weight", Tensor.zeros(DType.FLOAT64, 1));
        state.put("2.weight", Tensor.zeros(DType.FLOAT64, 4, 2));
        double before = net.get(0).parameters().get(0).data().get(0, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertTrue(e.getMessage().contains("missing keys [0.bias]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [3.weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("2.weight: checkpoint has [4, 2], module has [2, 4]"), e.getMessage());
        assertEquals(before, net.get(0).parameters().get(0).data().get(0, 0), "nothing written on failure");
    }

    /** A copy of net's state with every value replaced by its index in the state plus 1, so loads are visible. */
    private static Map<String, Tensor> numberedState(Sequential net) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        double value = 1;
        for (Map.Entry<String, Tensor> e : net.stateDict().entrySet()) {
            state.put(e.getKey(), Tensor.zeros(DType.FLOAT64, e.getValue().shape()).fill(value++));
        }
        return state;
    }

    @Test
    void nonStrictLoadCopiesTheMatchingKeysAndReportsTheOthers() {
        Sequential net = mlp();
        Map<String, Tensor> state = numberedState(net);
        state.remove("0.bias");
        state.put("3.weight", Tensor.zeros(DType.FLOAT64, 1));
        double[] biasBefore = net.get(0).parameters().get(1).data().toDoubleArray();
        IncompatibleKeys keys = net.loadStateDict(state, false);
        assertEquals(List.of("0.bias"), keys.missingKeys());
        assertEquals(List.of("3.weight"), keys.unexpectedKeys());
        Map<String, Tensor> loaded = net.stateDict();
        for (double v : loaded.get("0.weight").toDoubleArray()) {
            assertEquals(1.0, v);
        }
        for (double v : loaded.get("2.weight").toDoubleArray()) {
            assertEquals(3.0, v);
        }
        assertArrayEquals(biasBefore, loaded.get("0.bias").toDoubleArray(), "a missing key is left as it was");
    }

    @Test
    void nonStrictLoadOfAMatchingStateReportsNothing() {
        Sequential net = mlp();
        IncompatibleKeys keys = net.loadStateDict(numberedState(net), false);
        assertTrue(keys.isEmpty());
        assertEquals(List.of(), keys.missingKeys());
        assertEquals(List.of(), keys.unexpectedKeys());
    }

    @Test
    void nonStrictLoadStillRejectsAMisShapedKeyAndWritesNothing() {
        Sequential net = mlp();
        Map<String, Tensor> state = numberedState(net);
        state.remove("0.bias");
        state.put("2.weight", Tensor.zeros(DType.FLOAT64, 4, 2));
        double[] before = net.get(0).parameters().get(0).data().toDoubleArray();
        var e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, false));
        assertEquals("loadStateDict: state does not match Sequential; shape mismatch "
                + "[2.weight: checkpoint has [4, 2], module has [2, 4]]", e.getMessage());
        assertArrayEquals(before, net.get(0).parameters().get(0).data().toDoubleArray(), "nothing written on failure");
    }

    @Test
    void strictLoadWithTheFlagIsTheStrictLoad() {
        Sequential net = mlp();
        Map<String, Tensor> state = numberedState(net);
        state.remove("0.bias");
        var e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, true));
        assertEquals("loadStateDict: state does not match Sequential; missing keys [0.bias]", e.getMessage());
    }

    @Test
    void nonStrictLoadOfOneNameOfASharedParameterLoadsItAndReportsTheOtherName() {
        Linear shared = shared();
        Sequential tied = new Sequential(shared, new ReLU(), shared);
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight", Tensor.zeros(DType.FLOAT64, 4, 4).fill(2.0));
        IncompatibleKeys keys = tied.loadStateDict(state, false);
        assertEquals(List.of("0.bias", "2.weight", "2.bias"), keys.missingKeys());
        assertEquals(2.0, shared.weight().data().get(3, 1));
    }

    @Test
    void incompatibleKeysCannotBeModified() {
        IncompatibleKeys keys = new IncompatibleKeys(new ArrayList<>(List.of("a")), List.of());
        assertThrows(UnsupportedOperationException.class, () -> keys.missingKeys().add("b"));
    }

    @Test
    void registeringANameTwiceIsRejected() {
        class Twice extends Module {
            Twice() {
                registerParameter("w", Tensor.zeros(1));
                registerParameter("w", Tensor.zeros(1));
            }
        }
        assertThrows(IllegalArgumentException.class, Twice::new);
    }

    private static Linear shared() {
        return new Linear(4, 4, true, DType.FLOAT64, new Rng(3));
    }

    @Test
    void aSharedModuleListsEachParameterOnceUnderItsFirstName() {
        Linear shared = shared();
        Sequential tied = new Sequential(shared, new ReLU(), shared);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(tied.namedParameters().keySet()));
        List<Variable> params = tied.parameters();
        assertEquals(2, params.size());
        assertSame(shared.weight(), params.get(0));
        assertSame(shared.bias(), params.get(1));
    }

    @Test
    void anOptimizerStepsATiedParameterOnceWithItsSummedGradient() {
        Linear shared = shared();
        Sequential tied = new Sequential(shared, new Tanh(), shared);
        tied.forward(Variable.constant(Tensor.ones(DType.FLOAT64, 2, 4))).sum().backward();
        double[] before = shared.weight().data().toDoubleArray();
        double[] grad = shared.weight().grad().toDoubleArray();
        new SGD(tied.parameters(), 0.1).step();
        double[] expected = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            expected[i] = before[i] - 0.1 * grad[i];
        }
        assertArrayEquals(expected, shared.weight().data().toDoubleArray(), 1e-15);
    }

    @Test
    void stateDictKeepsEveryNameOfASharedParameterAndLoadsBack() {
        Linear shared = shared();
        Sequential tied = new Sequential(shared, new ReLU(), shared);
        Map<String, Tensor> state = tied.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(state.keySet()));
        assertSame(state.get("0.weight"), state.get("2.weight"));
        Map<String, Tensor> fives = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            fives.put(e.getKey(), Tensor.full(5.0, e.getValue().dtype(), e.getValue().shape()));
        }
        tied.loadStateDict(fives);
        for (double w : shared.weight().data().toDoubleArray()) {
            assertEquals(5.0, w);
        }
    }

    @Test
    void childrenKeepTheirRegistrationOrder() {
        Layer[] relus = new Layer[12];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < relus.length; i++) {
            relus[i] = new ReLU();
            names.add(Integer.toString(i));
        }
        assertEquals(names, List.copyOf(new Sequential(relus).children().keySet()));
    }

    @Test
    void childrenCannotBeModifiedThroughTheirView() {
        Sequential net = mlp();
        assertThrows(UnsupportedOperationException.class, () -> net.children().put("3", new ReLU()));
    }

    @Test
    void numParametersCountsTheElementsOfEveryParameter() {
        assertEquals(3 * 4 + 4 + 4 * 2, mlp().numParameters());
    }

    @Test
    void numParametersCountsASharedParameterOnce() {
        Linear shared = shared();
        assertEquals(4 * 4 + 4, new Sequential(shared, new ReLU(), shared).numParameters());
    }

    @Test
    void sequentialPrintsEachChildOnItsOwnLineUnderItsName() {
        Sequential net = new Sequential(new Linear(4, 4, new Rng(0)), new ReLU());
        assertEquals("Sequential(\n  (0): Linear(in=4, out=4, bias=true)\n  (1): ReLU()\n)", net.toString());
    }

    @Test
    void nestedContainersIndentTheirChildrenOneLevelFurther() {
        Sequential inner = new Sequential(new Tanh());
        Sequential outer = new Sequential(inner, new Sigmoid());
        assertEquals("Sequential(\n  (0): Sequential(\n    (0): Tanh()\n  )\n  (1): Sigmoid()\n)", outer.toString());
    }

    @Test
    void everyLeafModuleDescribesItselfOnOneLine() {
        Rng rng = new Rng(0);
        assertEquals("Linear(in=3, out=2, bias=false)", new Linear(3, 2, false, DType.FLOAT32, rng).toString());
        assertEquals("RNN(input=3, hidden=5, layers=2, nonlinearity=RELU, bias=true)",
                new RNN(3, 5, Nonlinearity.RELU, 2, true, DType.FLOAT32, rng).toString());
        assertEquals("RNNCell(input=3, hidden=5, nonlinearity=TANH, bias=false)",
                new RNNCell(3, 5, Nonlinearity.TANH, false, DType.FLOAT32, rng).toString());
        assertEquals("Embedding(num=10, dim=4)", new Embedding(10, 4, DType.FLOAT32, rng).toString());
        assertEquals("Dropout(p=0.25)", new Dropout(0.25, rng).toString());
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals("Sigmoid()", new Sigmoid().toString());
        assertEquals("Tanh()", new Tanh().toString());
    }
}
