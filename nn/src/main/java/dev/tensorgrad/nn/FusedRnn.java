package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.kernel.Gemm;
import dev.tensorgrad.tensor.kernel.ParallelFor;
import java.util.ArrayList;
import java.util.List;

/**
 * The RNN as one autograd node. The forward pass writes every hidden state of every layer into
 * one buffer {@code S} [L, T, B, H] (time-major, so one step of the batch is a contiguous
 * [B, H] block); the values of {@code output} and {@code hN} are views of it, not copies. Per layer:
 *
 * <pre>
 *   S[t]  = b_ih + b_hh + X[t] W_ih^T          layer 0: one small GEMM per step, straight from x [B, T, I]
 *   S     = b_ih + b_hh + X W_ih^T              layers above: one GEMM over all T*B rows
 *   S[t] += S[t-1] W_hh^T ; S[t] = act(S[t])   one small GEMM per step, in place
 * </pre>
 *
 * Backward (BPTT, {@link FusedRnnBackward}) runs from the last step down, a chunk of a few steps
 * at a time: dA[t] = dH[t] * act'(S[t]), dH[t-1] += dA[t] W_hh, then one GEMM per chunk for each
 * weight gradient and for dX = dA W_ih, the dH of the layer below. W_hh^T is packed for the
 * forward's GEMMs once per pass, and products as small as one step's go through the GEMM's
 * unpacked path.
 *
 * <p>A graph node has one output, and the RNN has two: {@code output} (the node's output) and
 * {@code hN}, which is recorded as a second small node reading {@code output}. hN's values are
 * not computed from output's, so hN's backward hands its gradient to the RNN node (which always
 * runs after it) through a {@link PendingGradient} and passes output a zero gradient that is a
 * broadcast view, costing no memory.
 */
final class FusedRnn {
    /** A backward chunk holds about this many rows (steps times batch): enough for efficient GEMMs, small next to T*B. */
    static final int CHUNK_ROWS = 128;

    private FusedRnn() {
    }

    /** The gradient of hN, left by hN's backward for the RNN node's backward in the same pass. */
    private static final class PendingGradient {
        private Tensor value;
        private long pass;

        void put(Tensor gradient) {
            value = gradient;
            pass = Graph.backwardPass();
        }

        /**
         * The gradient left in the running pass, or null. A value of another pass stays: it is an
         * enclosing pass's (a hook ran this pass inside it), or a failed pass's, which the next
         * {@link #put} replaces.
         */
        Tensor take() {
            if (pass != Graph.backwardPass()) {
                return null;
            }
            Tensor v = value;
            value = null;
            return v;
        }
    }

    /** Steps per backward chunk for this batch size: about {@link #CHUNK_ROWS} rows, at least one step (an empty batch takes all). */
    static int chunkSteps(int batch, int steps) {
        return batch == 0 ? steps : Math.min(steps, Math.max(1, CHUNK_ROWS / batch));
    }

    static RNN.Result forward(RNN rnn, Variable x, Variable h0, StepGradients stepGradients) {
        int batch = x.size(0);
        int steps = x.size(1);
        int inputSize = x.size(2);
        int hidden = rnn.hiddenSize();
        int layers = rnn.numLayers();
        DType dtype = x.dtype();
        Nonlinearity act = rnn.nonlinearity();
        int threads = ParallelFor.defaultThreads();
        int stepSize = batch * hidden;
        int layerSize = steps * stepSize;

        Tensor xData = x.data();
        int[] xStrides = xData.strides(); // x[b, t, i] at t * xStrides[1] + b * xStrides[0] + i * xStrides[2]
        Tensor hInit = h0 == null ? null : h0.data().contiguous();
        Tensor[] wIh = new Tensor[layers];
        // W_hh^T packed once per pass for the forward's per-step GEMMs. Backward multiplies by W_hh
        // itself, whose rows are already contiguous: the GEMM reads it as it lies, no packed copy.
        Gemm.PackedB[] wHhT = new Gemm.PackedB[layers];
        Tensor[] wHh = new Tensor[layers];
        Tensor states = Tensor.zeros(dtype, layers, steps, batch, hidden);
        for (int k = 0; k < layers; k++) {
            wIh[k] = rnn.weightIh(k).data().contiguous();
            wHh[k] = rnn.weightHh(k).data().contiguous();
            wHhT[k] = RnnKernels.pack(hidden, hidden, wHh[k], 0, 1, hidden);
            int base = k * layerSize;
            boolean hasBias = rnn.biasIh(k) != null;
            if (hasBias) {
                states.select(0, k).copyFrom(rnn.biasIh(k).data().add(rnn.biasHh(k).data()));
            }
            // W_ih^T packed, as the GEMM would do itself, but once: layer 0 uses it at every step.
            int inSize = k == 0 ? inputSize : hidden;
            Gemm.PackedB wIhT = RnnKernels.pack(inSize, hidden, wIh[k], 0, 1, inSize);
            if (k > 0) {
                // Input projections of all steps at once: [T*B, H] x [H, H].
                RnnKernels.gemm(steps * batch, hidden, hidden, states, (k - 1) * layerSize, hidden, 1, wIhT,
                        states, base, hidden, 1, hasBias, threads);
            }
            for (int t = 0; t < steps; t++) {
                int cur = base + t * stepSize;
                if (k == 0) {
                    // x[:, t, :] is a [B, I] matrix of x as it lies, rows xStrides[0] apart.
                    RnnKernels.gemm(batch, hidden, inputSize, xData, t * xStrides[1], xStrides[0], xStrides[2], wIhT,
                            states, cur, hidden, 1, hasBias, threads);
                }
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
        PendingGradient hNGradient = new PendingGradient();
        // x, h0 and the weights are read again in backward: saving them makes an in-place write in between an error.
        List<Tensor> saved = new ArrayList<>(List.of(states, xData));
        if (hInit != null) {
            saved.add(hInit);
        }
        saved.addAll(List.of(wIh));
        saved.addAll(List.of(wHh));
        Tensor outputData = states.select(0, layers - 1).transpose(0, 1); // [B, T, H]
        FusedRnnBackward bptt = new FusedRnnBackward(rnn, states, xData, hInit, wIh, wHh, stepGradients, threads);
        Variable output = Graph.record("rnn", outputData, inputs, saved.toArray(new Tensor[0]), g -> {
            FusedRnnBackward.Gradients d = bptt.run(g, hNGradient.take(), x.requiresGrad(), h0 != null && h0.requiresGrad());
            // One gradient per input, in the order of inputs: x, h0 if given, then each layer's parameters.
            Tensor[] grads = new Tensor[inputs.size()];
            grads[0] = d.dx();
            int p = 1;
            if (h0 != null) {
                grads[p++] = d.dh0();
            }
            for (int k = 0; k < layers; k++) {
                grads[p++] = d.dWeightIh()[k];
                grads[p++] = d.dWeightHh()[k];
                if (rnn.hasBias()) {
                    grads[p++] = d.dBias()[k];
                    grads[p++] = d.dBias()[k].copy(); // b_ih and b_hh enter every step as one sum
                }
            }
            return grads;
        });
        Tensor hNData = states.select(1, steps - 1); // [L, B, H]
        Variable hN = Graph.record("rnn.hN", hNData, List.of(output), g -> {
            hNGradient.put(g);
            return new Tensor[] {Tensor.zeros(dtype).expand(batch, steps, hidden)};
        });
        return new RNN.Result(output, hN, List.of());
    }
}
