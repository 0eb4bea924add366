package dev.tensorgrad.nn;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;

/**
 * Backpropagation through time for the fused RNN ({@link FusedRnn}), from what its forward pass
 * kept: every hidden state S [L, T, B, H] (time-major), the input x [B, T, I], h0 and the weights.
 *
 * <p>It runs from the last step down, a chunk of a few steps at a time, every layer top to bottom
 * within a chunk. In a chunk's buffer, dH (the gradient arriving at each hidden state) becomes
 * dA = dL/d(pre-activation) in place:
 *
 * <pre>
 *   dA[t]    = dH[t] * act'(S[t])
 *   dH[t-1] += dA[t] W_hh                                    the recurrence, step by step
 *   dW_hh   += dA[t]^T h[t-1],  dW_ih += dA^T X,  db += column sums of dA    one GEMM each per chunk
 *   dX       = dA W_ih                                       the dH of the same chunk one layer down
 * </pre>
 *
 * Only a few chunk buffers are allocated, never a copy of the whole trajectory: the incoming
 * gradient is only read. Every dH and dA gets exactly the additions a whole-sequence pass would
 * make, in the same order; the weight gradients add up the chunks from the last to the first.
 * One instance serves one backward call.
 */
final class FusedRnnBackward {
    private final RNN rnn;
    private final Tensor states;
    private final Tensor x;
    private final Tensor h0;
    private final Tensor[] wIh;
    private final Tensor[] wHh;
    private final StepGradients stepGradients;
    private final int threads;
    private final DType dtype;
    private final int batch;
    private final int steps;
    private final int inputSize;
    private final int hidden;
    private final int layers;
    private final int stepSize;
    private final int layerSize;

    /**
     * @param states every hidden state [L, T, B, H], as the forward pass wrote them
     * @param x the input [B, T, I], any strides
     * @param h0 the initial state [L, B, H], contiguous, or null for zeros
     * @param stepGradients where to store each dL/dh_t, or null; the forward pass has cleared it
     */
    FusedRnnBackward(RNN rnn, Tensor states, Tensor x, Tensor h0, Tensor[] wIh, Tensor[] wHh,
                     StepGradients stepGradients, int threads) {
        this.rnn = rnn;
        this.states = states;
        this.x = x;
        this.h0 = h0;
        this.wIh = wIh;
        this.wHh = wHh;
        this.stepGradients = stepGradients;
        this.threads = threads;
        this.dtype = states.dtype();
        this.layers = states.size(0);
        this.steps = states.size(1);
        this.batch = states.size(2);
        this.hidden = states.size(3);
        this.inputSize = x.size(2);
        this.stepSize = batch * hidden;
        this.layerSize = steps * stepSize;
    }

    /** The gradients this pass computes, named as in PyTorch; dx and dh0 are null when not asked for. */
    record Gradients(Tensor dx, Tensor dh0, Tensor[] dWeightIh, Tensor[] dWeightHh, Tensor[] dBias) {
    }

    /**
     * Runs BPTT for the gradient of the output [B, T, H] and of hN [L, B, H] (null if hN took no
     * part in the loss).
     */
    Gradients run(Tensor dOutput, Tensor dhN, boolean wantDx, boolean wantDh0) {
        Tensor dOut = dOutput.transpose(0, 1); // [T, B, H], a view
        Tensor dh0 = wantDh0 ? Tensor.zeros(dtype, layers, batch, hidden) : null;
        Tensor dxTimeMajor = wantDx ? Tensor.zeros(dtype, steps, batch, inputSize) : null;
        Tensor[] dWih = new Tensor[layers];
        Tensor[] dWhh = new Tensor[layers];
        Tensor[] db = new Tensor[layers];
        // dA at the first step of the chunk just done, per layer: the next chunk's dH[t-1] += dA[t] W_hh.
        Tensor[] carried = new Tensor[layers];
        for (int k = 0; k < layers; k++) {
            dWih[k] = Tensor.zeros(dtype, hidden, k == 0 ? inputSize : hidden);
            dWhh[k] = Tensor.zeros(dtype, hidden, hidden);
            db[k] = rnn.hasBias() ? Tensor.zeros(dtype, hidden) : null;
            carried[k] = Tensor.zeros(dtype, batch, hidden);
        }
        int chunk = FusedRnn.chunkSteps(batch, steps);
        // Two chunk buffers, used in turn: the layer being differentiated, and the dH it sends below.
        Tensor[] buffers = {
            Tensor.zeros(dtype, chunk, batch, hidden),
            layers > 1 ? Tensor.zeros(dtype, chunk, batch, hidden) : null,
        };
        Tensor xChunk = Tensor.zeros(dtype, chunk, batch, inputSize);
        for (int t1 = steps; t1 > 0; t1 -= chunk) {
            int t0 = Math.max(0, t1 - chunk);
            boolean lastChunk = t1 == steps;
            for (int k = layers - 1; k >= 0; k--) {
                Tensor dA = buffers[(layers - 1 - k) % 2];
                if (k == layers - 1) {
                    seedTopLayer(dA, dOut, lastChunk ? dhN : null, t0, t1);
                }
                backThroughChunk(k, dA, lastChunk ? null : carried[k], carried[k], dh0, t0, t1);
                accumulateWeightGradients(k, dA, xChunk, dWhh[k], dWih[k], db[k], t0, t1);
                if (k > 0) {
                    sendToLayerBelow(k, dA, buffers[(layers - k) % 2], lastChunk ? dhN : null, t0, t1);
                } else if (dxTimeMajor != null) {
                    RnnKernels.gemm((t1 - t0) * batch, inputSize, hidden, dA, 0, hidden, 1, wIh[0], 0, inputSize, 1,
                            dxTimeMajor, t0 * batch * inputSize, inputSize, 1, false, threads);
                }
            }
        }
        return new Gradients(dxTimeMajor == null ? null : dxTimeMajor.transpose(0, 1), dh0, dWih, dWhh, db);
    }

    /** The top layer's dH over steps [t0, t1) is the output's gradient, plus hN's at the last step. */
    private void seedTopLayer(Tensor dA, Tensor dOut, Tensor dhN, int t0, int t1) {
        RnnKernels.copySteps(dOut, t0, t1 - t0, dA);
        if (dhN != null) {
            dA.select(0, t1 - 1 - t0).addInPlace(dhN.select(0, layers - 1));
        }
    }

    /**
     * Turns dH into dA over steps [t0, t1) of layer k, from the last step down. {@code fromLater}
     * is dA at step t1 (the chunk after this one), or null for the last chunk; dA at step t0 is
     * left in {@code toEarlier} for the chunk before, or sent into dh0 at step 0.
     */
    private void backThroughChunk(int k, Tensor dA, Tensor fromLater, Tensor toEarlier, Tensor dh0, int t0, int t1) {
        if (fromLater != null) {
            // dH[t1-1] += dA[t1] W_hh
            RnnKernels.gemm(batch, hidden, hidden, fromLater, 0, hidden, 1, wHh[k], 0, hidden, 1,
                    dA, (t1 - 1 - t0) * stepSize, hidden, 1, true, threads);
        }
        for (int t = t1 - 1; t >= t0; t--) {
            int slot = (t - t0) * stepSize;
            if (stepGradients != null) {
                stepGradients.put(k, t, dA.select(0, t - t0).copy());
            }
            // dA[t] = dH[t] * act'(S[t])
            RnnKernels.multiplyByDerivative(rnn.nonlinearity(), states, k * layerSize + t * stepSize, dA, slot, stepSize);
            if (t > t0) {
                // dH[t-1] += dA[t] W_hh
                RnnKernels.gemm(batch, hidden, hidden, dA, slot, hidden, 1, wHh[k], 0, hidden, 1,
                        dA, slot - stepSize, hidden, 1, true, threads);
            } else if (t > 0) {
                RnnKernels.copy(dA, 0, toEarlier, 0, stepSize);
            } else if (dh0 != null) {
                // dh0 = dA[0] W_hh
                RnnKernels.gemm(batch, hidden, hidden, dA, slot, hidden, 1, wHh[k], 0, hidden, 1,
                        dh0, k * stepSize, hidden, 1, false, threads);
            }
        }
    }

    /** dW_hh += sum_t dA[t]^T h[t-1], dW_ih += dA^T X and db += column sums of dA, over steps [t0, t1) of layer k. */
    private void accumulateWeightGradients(int k, Tensor dA, Tensor xChunk, Tensor dWhh, Tensor dWih, Tensor db,
                                           int t0, int t1) {
        int base = k * layerSize;
        int rows = (t1 - t0) * batch;
        // Steps from 1 read the previous hidden state in S; step 0 reads h0 (zeros when absent).
        int first = Math.max(t0, 1);
        RnnKernels.gemm(hidden, hidden, (t1 - first) * batch, dA, (first - t0) * stepSize, 1, hidden,
                states, base + (first - 1) * stepSize, hidden, 1, dWhh, 0, hidden, 1, true, threads);
        if (t0 == 0 && h0 != null) {
            RnnKernels.gemm(hidden, hidden, batch, dA, 0, 1, hidden, h0, k * stepSize, hidden, 1,
                    dWhh, 0, hidden, 1, true, threads);
        }
        // Layer 0's input is x, copied chunk by chunk into time-major order; the others read S.
        int inSize = k == 0 ? inputSize : hidden;
        Tensor in = states;
        int inOff = (k - 1) * layerSize + t0 * stepSize;
        if (k == 0) {
            RnnKernels.copySteps(x.transpose(0, 1), t0, t1 - t0, xChunk);
            in = xChunk;
            inOff = 0;
        }
        RnnKernels.gemm(hidden, inSize, rows, dA, 0, 1, hidden, in, inOff, inSize, 1, dWih, 0, inSize, 1, true, threads);
        if (db != null) {
            RnnKernels.addColumnSums(dA, 0, rows, hidden, db);
        }
    }

    /** dX = dA W_ih over steps [t0, t1) of layer k: the dH of layer k-1, with hN's gradient at the last step. */
    private void sendToLayerBelow(int k, Tensor dA, Tensor below, Tensor dhN, int t0, int t1) {
        if (dhN != null) {
            below.narrow(0, 0, t1 - t0).fill(0);
            below.select(0, t1 - 1 - t0).copyFrom(dhN.select(0, k - 1));
        }
        RnnKernels.gemm((t1 - t0) * batch, hidden, hidden, dA, 0, hidden, 1, wIh[k], 0, hidden, 1,
                below, 0, hidden, 1, dhN != null, threads);
    }
}
