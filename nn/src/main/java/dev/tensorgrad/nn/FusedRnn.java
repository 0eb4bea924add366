package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.kernel.Gemm;
import java.util.ArrayList;
import java.util.List;

/**
 * The RNN as one autograd node. The forward pass writes every hidden state of every layer into
 * one buffer {@code S} [L, T, B, H] (time-major, so one step of the batch is a contiguous
 * [B, H] block) and the node's output is that whole trajectory; {@code output} and {@code hN}
 * are views of it. Per layer:
 *
 * <pre>
 *   S      = b_ih + b_hh + X W_ih^T           one GEMM over all T*B rows
 *   S[t]  += S[t-1] W_hh^T ; S[t] = act(S[t])   one small GEMM per step, in place
 * </pre>
 *
 * Backward (BPTT) turns a copy of the incoming gradient into dA = dL/d(pre-activation), in place,
 * from the last step down: dA[t] = dH[t] * act'(S[t]), then dH[t-1] += dA[t] W_hh. The weight
 * gradients are then one GEMM each over all steps (dW_hh = sum_t dA[t]^T h[t-1],
 * dW_ih = dA^T X, db = column sums of dA), and dX = dA W_ih flows into the layer below. No
 * per-step graph is built and no per-step buffer is allocated: W_hh is packed for the GEMM once per
 * pass, and products as small as one step's go through the GEMM's unpacked path.
 */
final class FusedRnn {
    private FusedRnn() {
    }

    static RNN.Result forward(RNN rnn, Variable x, Variable h0, StepGradients stepGradients) {
        int batch = x.size(0);
        int steps = x.size(1);
        int inputSize = x.size(2);
        int hidden = rnn.hiddenSize();
        int layers = rnn.numLayers();
        Nonlinearity act = rnn.nonlinearity();
        int threads = Gemm.defaultThreads();
        int stepSize = batch * hidden;
        int layerSize = steps * stepSize;

        Tensor xt = x.data().transpose(0, 1).contiguous(); // [T, B, I]
        Tensor hInit = h0 == null ? null : h0.data().contiguous();
        Tensor[] wIh = new Tensor[layers];
        // W_hh packed once per pass for the per-step GEMMs: W_hh^T for forward, W_hh for backward.
        Gemm.PackedB[] wHhT = new Gemm.PackedB[layers];
        Gemm.PackedB[] wHh = new Gemm.PackedB[layers];
        Tensor states = Tensor.zeros(x.dtype(), layers, steps, batch, hidden);
        for (int k = 0; k < layers; k++) {
            wIh[k] = rnn.weightIh(k).data().contiguous();
            Tensor w = rnn.weightHh(k).data().contiguous();
            wHhT[k] = RnnKernels.pack(hidden, hidden, w, 0, 1, hidden);
            wHh[k] = RnnKernels.pack(hidden, hidden, w, 0, hidden, 1);
            Tensor in = k == 0 ? xt : states;
            int inOff = k == 0 ? 0 : (k - 1) * layerSize;
            int inSize = k == 0 ? inputSize : hidden;
            int base = k * layerSize;
            boolean hasBias = rnn.biasIh(k) != null;
            if (hasBias) {
                states.select(0, k).copyFrom(rnn.biasIh(k).data().add(rnn.biasHh(k).data()));
            }
            // Input projections of all steps at once: [T*B, I] x [I, H].
            RnnKernels.gemm(steps * batch, hidden, inSize, in, inOff, inSize, 1, wIh[k], 0, 1, inSize,
                    states, base, hidden, 1, hasBias, threads);
            for (int t = 0; t < steps; t++) {
                int cur = base + t * stepSize;
                if (t > 0) {
                    RnnKernels.gemm(batch, hidden, hidden, states, cur - stepSize, hidden, 1, wHhT[k],
                            states, cur, hidden, 1, true, threads);
                } else if (hInit != null) {
                    RnnKernels.gemm(batch, hidden, hidden, hInit, k * stepSize, hidden, 1, wHhT[k],
                            states, cur, hidden, 1, true, threads);
                }
                RnnKernels.activate(act, states, cur, stepSize);
            }
        }

        List<Variable> inputs = new ArrayList<>();
        inputs.add(x);
        if (h0 != null) {
            inputs.add(h0);
        }
        for (int k = 0; k < layers; k++) {
            inputs.add(rnn.weightIh(k));
            inputs.add(rnn.weightHh(k));
            if (rnn.biasIh(k) != null) {
                inputs.add(rnn.biasIh(k));
                inputs.add(rnn.biasHh(k));
            }
        }
        Tensor[] saved = {states, xt};
        Variable trajectory = Graph.record("rnn", states, inputs, saved, g -> {
            Tensor dA = g.copy(); // becomes dL/d(pre-activation), layer by layer, in place
            if (stepGradients != null) {
                stepGradients.reset(layers, steps);
            }
            Tensor[] grads = new Tensor[inputs.size()];
            Tensor dh0 = h0 != null && h0.requiresGrad() ? Tensor.zeros(x.dtype(), layers, batch, hidden) : null;
            int firstParam = h0 != null ? 2 : 1; // grads[] follows inputs: x, h0?, then 2 or 4 per layer
            for (int k = layers - 1; k >= 0; k--) {
                int base = k * layerSize;
                for (int t = steps - 1; t >= 0; t--) {
                    int cur = base + t * stepSize;
                    if (stepGradients != null) {
                        stepGradients.put(k, t, dA.select(0, k).select(0, t).copy());
                    }
                    RnnKernels.multiplyByDerivative(act, states, cur, dA, cur, stepSize);
                    if (t > 0) {
                        // dH[t-1] += dA[t] W_hh
                        RnnKernels.gemm(batch, hidden, hidden, dA, cur, hidden, 1, wHh[k],
                                dA, cur - stepSize, hidden, 1, true, threads);
                    } else if (dh0 != null) {
                        RnnKernels.gemm(batch, hidden, hidden, dA, cur, hidden, 1, wHh[k],
                                dh0, k * stepSize, hidden, 1, false, threads);
                    }
                }
                Tensor in = k == 0 ? xt : states;
                int inOff = k == 0 ? 0 : (k - 1) * layerSize;
                int inSize = k == 0 ? inputSize : hidden;
                // dW_hh = sum_t dA[t]^T h[t-1]: steps 1..T-1 read S, step 0 reads h0.
                Tensor dWhh = Tensor.zeros(x.dtype(), hidden, hidden);
                RnnKernels.gemm(hidden, hidden, (steps - 1) * batch, dA, base + stepSize, 1, hidden,
                        states, base, hidden, 1, dWhh, 0, hidden, 1, false, threads);
                if (hInit != null) {
                    RnnKernels.gemm(hidden, hidden, batch, dA, base, 1, hidden, hInit, k * stepSize, hidden, 1,
                            dWhh, 0, hidden, 1, true, threads);
                }
                // dW_ih = dA^T X over all T*B rows.
                Tensor dWih = Tensor.zeros(x.dtype(), hidden, inSize);
                RnnKernels.gemm(hidden, inSize, steps * batch, dA, base, 1, hidden, in, inOff, inSize, 1,
                        dWih, 0, inSize, 1, false, threads);
                int p = firstParam + k * (rnn.hasBias() ? 4 : 2);
                grads[p] = dWih;
                grads[p + 1] = dWhh;
                if (rnn.hasBias()) {
                    Tensor db = RnnKernels.columnSums(dA, base, steps * batch, hidden);
                    grads[p + 2] = db;
                    grads[p + 3] = db.copy();
                }
                // dX = dA W_ih: into the layer below's dH, or into the input's gradient.
                if (k > 0) {
                    RnnKernels.gemm(steps * batch, hidden, hidden, dA, base, hidden, 1, wIh[k], 0, hidden, 1,
                            dA, (k - 1) * layerSize, hidden, 1, true, threads);
                } else if (x.requiresGrad()) {
                    Tensor dxt = Tensor.zeros(x.dtype(), steps, batch, inputSize);
                    RnnKernels.gemm(steps * batch, inputSize, hidden, dA, base, hidden, 1, wIh[0], 0, inputSize, 1,
                            dxt, 0, inputSize, 1, false, threads);
                    grads[0] = dxt.transpose(0, 1);
                }
            }
            if (h0 != null) {
                grads[1] = dh0;
            }
            return grads;
        });
        Variable output = trajectory.select(0, layers - 1).transpose(0, 1);
        Variable hN = trajectory.select(1, steps - 1);
        return new RNN.Result(output, hN, List.of());
    }
}
