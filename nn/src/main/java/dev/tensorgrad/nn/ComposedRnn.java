package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The RNN as a loop of ordinary autograd ops: every step of every layer adds a handful of nodes
 * to the graph, and backpropagation through time is simply the graph walk. Slow, but each h_t is
 * a variable one can inspect, hook, or retain the gradient of; the fused version is tested
 * against it.
 */
final class ComposedRnn {
    private ComposedRnn() {
    }

    static RNN.Result forward(RNN rnn, Variable x, Variable h0, StepGradients stepGradients) {
        int batch = x.size(0);
        int steps = x.size(1);
        int layers = rnn.numLayers();
        List<Variable> below = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            below.add(x.select(1, t));
        }
        List<List<Variable>> hidden = new ArrayList<>();
        List<Variable> last = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            Variable h = h0 != null ? h0.select(0, k)
                    : Variable.constant(Tensor.zeros(x.dtype(), batch, rnn.hiddenSize()));
            List<Variable> states = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                h = RNNCell.step(rnn.nonlinearity(), below.get(t), h,
                        rnn.weightIh(k), rnn.weightHh(k), rnn.biasIh(k), rnn.biasHh(k));
                if (stepGradients != null && h.requiresGrad()) {
                    int layer = k;
                    int step = t;
                    // The hook sees the total gradient of h_t: from the output, from step t+1 and from the layer above.
                    h.registerHook(g -> {
                        stepGradients.put(layer, step, g.copy());
                        return null;
                    });
                }
                states.add(h);
            }
            hidden.add(List.copyOf(states));
            last.add(h);
            below = states;
        }
        Variable output = Variable.stack(1, below.toArray(Variable[]::new));
        Variable hN = Variable.stack(0, last.toArray(Variable[]::new));
        return new RNN.Result(output, hN, List.copyOf(hidden));
    }
}
