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
 * [B, H] block); {@code output} and {@code hN} are views of it. Per layer:
 *
 * <pre>
 *   S[t]  = b_ih + b_hh + X[t] W_ih^T          layer 0: one small GEMM per step, straight from x [B, T, I]
 *   S     = b_ih + b_hh + X W_ih^T              layers above: one GEMM over all T*B rows
 *   S[t] += S[t-1] W_hh^T ; S[t] = act(S[t])   one small GEMM per step, in place
 * </pre>
 *
 * Backward (BPTT) runs from the last step down, a chunk of a few steps at a time, every layer
 * top to bottom within a chunk. In a chunk's buffer dH (the incoming gradient plus what flows
 * from above) becomes dA = dL/d(pre-activation) in place: dA[t] = dH[t] * act'(S[t]), then
 * dH[t-1] += dA[t] W_hh. The chunk's weight gradients are then one GEMM each over its rows
 * (dW_hh += dA[t]^T h[t-1], dW_ih += dA^T X, db += column sums of dA), and dX = dA W_ih becomes
 * the dH of the same chunk of the layer below. The backward pass therefore allocates a few
 * chunks, not a copy of the whole trajectory: it only reads the incoming gradient. The weight
 * gradients add up the chunks from the last one to the first; every dH and dA gets exactly the
 * additions a whole-sequence pass would make, in the same order. W_hh^T is
 * packed for the forward's GEMMs once per pass, and products as small as one step's go through
 * the GEMM's unpacked path.
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

    /** The gradient of hN, left by hN's backward for the RNN node's backward, which takes it. */
    private static final class PendingGradient {
        private Tensor value;

        Tensor take() {
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
        Variable output = Graph.record("rnn", outputData, inputs, saved.toArray(new Tensor[0]), g -> {
            Tensor dOut = g.transpose(0, 1); // dL/d(output) as [T, B, H]; only read
            Tensor dhN = hNGradient.take(); // [L, B, H], or null if hN took no part in the loss
            if (stepGradients != null) {
                stepGradients.reset(layers, steps);
            }
            Tensor[] grads = new Tensor[inputs.size()];
            Tensor dh0 = h0 != null && h0.requiresGrad() ? Tensor.zeros(dtype, layers, batch, hidden) : null;
            Tensor dxt = x.requiresGrad() ? Tensor.zeros(dtype, steps, batch, inputSize) : null;
            int chunk = chunkSteps(batch, steps);
            // Two chunk buffers: the layer being differentiated, and the dH it sends to the layer below.
            Tensor[] buffers = {
                Tensor.zeros(dtype, chunk, batch, hidden),
                layers > 1 ? Tensor.zeros(dtype, chunk, batch, hidden) : null,
            };
            // dA at the first step of the chunk just done, per layer: the next chunk's dH[t-1] += dA[t] W_hh.
            Tensor[] carried = new Tensor[layers];
            Tensor xChunk = Tensor.zeros(dtype, chunk, batch, inputSize); // x of a chunk, time-major
            Tensor xTimeMajor = xData.transpose(0, 1); // a view
            Tensor[] dWih = new Tensor[layers];
            Tensor[] dWhh = new Tensor[layers];
            Tensor[] db = new Tensor[layers];
            for (int k = 0; k < layers; k++) {
                dWih[k] = Tensor.zeros(dtype, hidden, k == 0 ? inputSize : hidden);
                dWhh[k] = Tensor.zeros(dtype, hidden, hidden);
                db[k] = rnn.hasBias() ? Tensor.zeros(dtype, hidden) : null;
                carried[k] = Tensor.zeros(dtype, batch, hidden);
            }
            for (int t1 = steps; t1 > 0; t1 -= chunk) {
                int t0 = Math.max(0, t1 - chunk);
                int rows = (t1 - t0) * batch;
                boolean last = t1 == steps;
                for (int k = layers - 1; k >= 0; k--) {
                    Tensor dA = buffers[(layers - 1 - k) % 2];
                    int base = k * layerSize;
                    if (k == layers - 1) {
                        // The top layer's dH is the output's gradient (plus hN's at the last step).
                        RnnKernels.copySteps(dOut, t0, t1 - t0, dA);
                        if (last && dhN != null) {
                            Tensor lastStep = dA.select(0, t1 - 1 - t0);
                            lastStep.copyFrom(lastStep.add(dhN.select(0, k)));
                        }
                    }
                    if (!last) {
                        RnnKernels.gemm(batch, hidden, hidden, carried[k], 0, hidden, 1, wHh[k], 0, hidden, 1,
                                dA, (t1 - 1 - t0) * stepSize, hidden, 1, true, threads);
                    }
                    for (int t = t1 - 1; t >= t0; t--) {
                        int slot = (t - t0) * stepSize;
                        if (stepGradients != null) {
                            stepGradients.put(k, t, dA.select(0, t - t0).copy());
                        }
                        RnnKernels.multiplyByDerivative(act, states, base + t * stepSize, dA, slot, stepSize);
                        if (t > t0) {
                            // dH[t-1] += dA[t] W_hh
                            RnnKernels.gemm(batch, hidden, hidden, dA, slot, hidden, 1, wHh[k], 0, hidden, 1,
                                    dA, slot - stepSize, hidden, 1, true, threads);
                        } else if (t > 0) {
                            RnnKernels.copy(dA, 0, carried[k], 0, stepSize);
                        } else if (dh0 != null) {
                            RnnKernels.gemm(batch, hidden, hidden, dA, slot, hidden, 1, wHh[k], 0, hidden, 1,
                                    dh0, k * stepSize, hidden, 1, false, threads);
                        }
                    }
                    // dW_hh += sum_t dA[t]^T h[t-1]: steps from 1 read S, step 0 reads h0.
                    int first = Math.max(t0, 1);
                    RnnKernels.gemm(hidden, hidden, (t1 - first) * batch, dA, (first - t0) * stepSize, 1, hidden,
                            states, base + (first - 1) * stepSize, hidden, 1, dWhh[k], 0, hidden, 1, true, threads);
                    if (t0 == 0 && hInit != null) {
                        RnnKernels.gemm(hidden, hidden, batch, dA, 0, 1, hidden, hInit, k * stepSize, hidden, 1,
                                dWhh[k], 0, hidden, 1, true, threads);
                    }
                    // dW_ih += dA^T X over the chunk's rows.
                    int inSize = k == 0 ? inputSize : hidden;
                    Tensor in = states;
                    int inOff = (k - 1) * layerSize + t0 * stepSize;
                    if (k == 0) {
                        RnnKernels.copySteps(xTimeMajor, t0, t1 - t0, xChunk);
                        in = xChunk;
                        inOff = 0;
                    }
                    RnnKernels.gemm(hidden, inSize, rows, dA, 0, 1, hidden, in, inOff, inSize, 1,
                            dWih[k], 0, inSize, 1, true, threads);
                    if (db[k] != null) {
                        RnnKernels.addColumnSums(dA, 0, rows, hidden, db[k]);
                    }
                    // dX = dA W_ih: the dH of the layer below (hN's gradient there first), or the input's gradient.
                    if (k > 0) {
                        Tensor below = buffers[(layers - k) % 2];
                        boolean withHn = last && dhN != null;
                        if (withHn) {
                            below.narrow(0, 0, t1 - t0).fill(0);
                            below.select(0, t1 - 1 - t0).copyFrom(dhN.select(0, k - 1));
                        }
                        RnnKernels.gemm(rows, hidden, hidden, dA, 0, hidden, 1, wIh[k], 0, hidden, 1,
                                below, 0, hidden, 1, withHn, threads);
                    } else if (dxt != null) {
                        RnnKernels.gemm(rows, inputSize, hidden, dA, 0, hidden, 1, wIh[0], 0, inputSize, 1,
                                dxt, t0 * batch * inputSize, inputSize, 1, false, threads);
                    }
                }
            }
            int firstParam = h0 != null ? 2 : 1; // grads[] follows inputs: x, h0?, then 2 or 4 per layer
            for (int k = 0; k < layers; k++) {
                int p = firstParam + k * (rnn.hasBias() ? 4 : 2);
                grads[p] = dWih[k];
                grads[p + 1] = dWhh[k];
                if (rnn.hasBias()) {
                    grads[p + 2] = db[k];
                    grads[p + 3] = db[k].copy();
                }
            }
            if (dxt != null) {
                grads[0] = dxt.transpose(0, 1);
            }
            if (h0 != null) {
                grads[1] = dh0;
            }
            return grads;
        });
        Tensor hNData = states.select(1, steps - 1); // [L, B, H]
        Variable hN = Graph.record("rnn.hN", hNData, List.of(output), g -> {
            hNGradient.value = g;
            return new Tensor[] {Tensor.zeros(dtype).expand(batch, steps, hidden)};
        });
        return new RNN.Result(output, hN, List.of());
    }
}
