package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
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
}
