package dev.tensorgrad.tensor;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.ElementwiseKernels;
import dev.tensorgrad.tensor.kernel.ParallelFor;
import dev.tensorgrad.tensor.kernel.ReductionKernels;

/**
 * Reductions. The trick that keeps them short: give the output stride 0 along every reduced dim
 * and run the ordinary strided loop over the input's shape; each input element then lands on the
 * output element it reduces into. Ops along a single dim (argmax, softmax, logSumExp) walk one
 * "lane" (a 1-D run along that dim) at a time.
 */
final class Reductions {
    /** Elements per chunk of a full sum: 2^15, small enough to keep float error low, large enough to stream. */
    private static final int SUM_CHUNK = 1 << 15;
    /** A thread gets at least 4 chunks (2^17 elements, about 20 µs of reading) or it is not woken. */
    private static final int MIN_CHUNKS_PER_THREAD = 4;

    private Reductions() {
    }

    /** Which dims are reduced; an empty list means all of them, as in PyTorch's {@code x.sum()}. */
    static boolean[] reducedDims(String op, int rank, int[] dims) {
        boolean[] reduced = new boolean[rank];
        if (dims.length == 0) {
            java.util.Arrays.fill(reduced, true);
            return reduced;
        }
        for (int dim : dims) {
            int d = Shape.wrapDim(op, dim, rank);
            if (reduced[d]) {
                throw new IllegalArgumentException(op + ": dim " + dim + " appears twice in " + java.util.Arrays.toString(dims));
            }
            reduced[d] = true;
        }
        return reduced;
    }

    static int[] keptShape(int[] shape, boolean[] reduced) {
        int[] kept = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
            }
        }
        return kept;
    }

    static int[] droppedShape(int[] shape, boolean[] reduced) {
        int count = 0;
        for (boolean r : reduced) {
            count += r ? 0 : 1;
        }
        int[] dropped = new int[count];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                dropped[j++] = shape[d];
            }
        }
        return dropped;
    }

    /** Output strides with 0 on reduced dims: the output "broadcast" up to the input's shape. */
    private static int[] accumulatorStrides(Tensor out, boolean[] reduced) {
        int[] strides = out.strides.clone();
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d]) {
                strides[d] = 0;
            }
        }
        return strides;
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedDims("sum", x.rank(), dims);
        if (allTrue(reduced) && StridedLoop.isDense(x.shape, x.strides)) {
            // Every element into one total, and the elements fill one block of memory whatever
            // their logical order (a transposed matrix, say): one SIMD pass over that block.
            double total = denseSum(x);
            Tensor out = Tensor.full(total, x.dtype(), keptShape(x.shape, reduced));
            return keepDim ? out : out.view(droppedShape(x.shape, reduced));
        }
        return sumStrided(x, reduced, keepDim);
    }

    /**
     * The sum of a dense tensor's block of memory, in fixed chunks of {@link #SUM_CHUNK} elements:
     * each chunk one SIMD sum, the chunk totals added in order in double. The chunks are the same
     * for any thread count, so is the result. It is also more accurate than one float pass: each
     * chunk accumulates in float over at most 2^15 elements, and the totals add up in double.
     */
    private static double denseSum(Tensor x) {
        int n = x.numel();
        if (n <= SUM_CHUNK) {
            return chunkSum(x, 0, n);
        }
        // Counted without n + SUM_CHUNK - 1, which overflows an int for n near 2^31.
        int fullChunks = n / SUM_CHUNK;
        double[] chunkTotals = new double[fullChunks + (n % SUM_CHUNK == 0 ? 0 : 1)];
        ParallelFor.run(chunkTotals.length, 1, MIN_CHUNKS_PER_THREAD, ParallelFor.defaultThreads(), (first, end) -> {
            int c = first;
            // Full chunks two at a time (two memory streams read faster than one); same totals either way.
            for (; c + 1 < Math.min(end, fullChunks); c += 2) {
                chunkSumTwo(x, c, chunkTotals);
            }
            for (; c < end; c++) {
                chunkTotals[c] = chunkSum(x, c * SUM_CHUNK, Math.min(SUM_CHUNK, n - c * SUM_CHUNK));
            }
        });
        double total = 0;
        for (double chunkTotal : chunkTotals) {
            total += chunkTotal;
        }
        return total;
    }

    /** The SIMD sum of elements [from, from + length) of x's memory block. */
    private static double chunkSum(Tensor x, int from, int length) {
        return x.dtype() == DType.FLOAT32
                ? ReductionKernels.sum(x.storage.floats, x.offset + from, length)
                : ReductionKernels.sum(x.storage.doubles, x.offset + from, length);
    }

    /** The totals of full chunks c and c + 1, into totals[c] and totals[c + 1]. */
    private static void chunkSumTwo(Tensor x, int c, double[] totals) {
        int from = x.offset + c * SUM_CHUNK;
        double[] pair = x.dtype() == DType.FLOAT32
                ? ReductionKernels.sumTwo(x.storage.floats, from, from + SUM_CHUNK, SUM_CHUNK)
                : ReductionKernels.sumTwo(x.storage.doubles, from, from + SUM_CHUNK, SUM_CHUNK);
        totals[c] = pair[0];
        totals[c + 1] = pair[1];
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }

    /** The general path of {@link #sum}, for any layout and dims: the reference the full-sum fast path is tested against. */
    static Tensor sumStrided(Tensor x, boolean[] reduced, boolean keepDim) {
        Tensor out = Tensor.zeros(x.dtype(), keptShape(x.shape, reduced));
        int[][] strides = {accumulatorStrides(out, reduced), x.strides};
        StridedLoop.run(x.shape, new int[] {0, x.offset}, strides, (pos, step, n) -> {
            if (step[0] == 0 && step[1] == 1) {
                // Reducing along a contiguous row: one SIMD sum.
                double rowSum = x.dtype() == DType.FLOAT32
                        ? ReductionKernels.sum(x.storage.floats, pos[1], n)
                        : ReductionKernels.sum(x.storage.doubles, pos[1], n);
                out.storage.set(pos[0], out.storage.get(pos[0]) + rowSum);
            } else if (step[0] == 1 && step[1] == 1) {
                // Reducing over an outer dim: add the whole row into the accumulator row.
                if (x.dtype() == DType.FLOAT32) {
                    float[] acc = out.storage.floats;
                    ElementwiseKernels.binary(BinaryOp.ADD, acc, pos[0], 1, x.storage.floats, pos[1], 1, acc, pos[0], n);
                } else {
                    double[] acc = out.storage.doubles;
                    ElementwiseKernels.binary(BinaryOp.ADD, acc, pos[0], 1, x.storage.doubles, pos[1], 1, acc, pos[0], n);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int o = pos[0] + i * step[0];
                    out.storage.set(o, out.storage.get(o) + x.storage.get(pos[1] + i * step[1]));
                }
            }
        });
        return keepDim ? out : out.view(droppedShape(x.shape, reduced));
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedDims("mean", x.rank(), dims);
        int count = 1;
        for (int d = 0; d < reduced.length; d++) {
            count *= reduced[d] ? x.shape[d] : 1;
        }
        return sum(x, dims, keepDim).div(count);
    }

    /** Sample variance with Bessel's correction (divides by N - 1), as torch.var does by default. */
    static Tensor variance(Tensor x, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedDims("var", x.rank(), dims);
        int count = 1;
        for (int d = 0; d < reduced.length; d++) {
            count *= reduced[d] ? x.shape[d] : 1;
        }
        Tensor centered = x.sub(mean(x, dims, true));
        // With no elements, 0 / max(-1, 0) keeps the NaN that 0 / -1 would lose.
        return sum(centered.mul(centered), dims, keepDim).div(Math.max(count - 1, 0));
    }

    /** max (sign = +1) or min (sign = -1) over dims; NaN wins, as in NumPy. */
    static Tensor extreme(String op, Tensor x, int[] dims, boolean keepDim, int sign) {
        boolean[] reduced = reducedDims(op, x.rank(), dims);
        int[] kept = keptShape(x.shape, reduced);
        for (int d = 0; d < reduced.length; d++) {
            // An empty group has no max; an empty kept dim just gives an empty result, as in PyTorch.
            if (reduced[d] && x.shape[d] == 0) {
                throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape "
                        + Shape.format(x.shape));
            }
        }
        Tensor out = Tensor.full(sign * Double.NEGATIVE_INFINITY, x.dtype(), kept);
        int[][] strides = {accumulatorStrides(out, reduced), x.strides};
        StridedLoop.run(x.shape, new int[] {0, x.offset}, strides, (pos, step, n) -> {
            for (int i = 0; i < n; i++) {
                int o = pos[0] + i * step[0];
                double best = out.storage.get(o);
                double value = x.storage.get(pos[1] + i * step[1]);
                // Once NaN is stored no comparison is true, so NaN stays.
                if (value != value || sign * value > sign * best) {
                    out.storage.set(o, value);
                }
            }
        });
        return keepDim ? out : out.view(droppedShape(x.shape, reduced));
    }

    /** Visits every 1-D lane of {@code x} along {@code dim}, together with the matching lane of {@code out}. */
    interface LaneVisitor {
        void visit(int xStart, int xStride, int outStart, int outStride, int length);
    }

    static void forEachLane(Tensor x, int dim, Tensor out, LaneVisitor visitor) {
        int[] laneShape = x.shape.clone();
        int length = laneShape[dim];
        laneShape[dim] = 1;
        int[][] strides = {x.strides, out.strides};
        StridedLoop.run(laneShape, new int[] {x.offset, out.offset}, strides, (pos, step, n) -> {
            for (int i = 0; i < n; i++) {
                visitor.visit(pos[0] + i * step[0], x.strides[dim], pos[1] + i * step[1], out.strides[dim], length);
            }
        });
    }

    /** Index of the largest (sign +1) or smallest (sign -1) element along dim; first one on ties. */
    static Tensor argExtreme(String op, Tensor x, int dim, boolean keepDim, int sign) {
        int d = Shape.wrapDim(op, dim, x.rank());
        if (x.shape[d] == 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " of shape " + Shape.format(x.shape) + " is empty");
        }
        int[] kept = x.shape.clone();
        kept[d] = 1;
        Tensor out = Tensor.zeros(DType.FLOAT64, kept);
        forEachLane(x, d, out, (xs, xStride, os, outStride, length) -> {
            int bestIndex = 0;
            double best = x.storage.get(xs);
            for (int i = 1; i < length && best == best; i++) {
                double value = x.storage.get(xs + i * xStride);
                if (value != value || sign * value > sign * best) {
                    best = value;
                    bestIndex = i;
                }
            }
            out.storage.set(os, bestIndex);
        });
        return keepDim ? out : out.squeeze(d);
    }

    /** log(sum(exp(x))) along dim, shifted by the lane's max so that exp never overflows. */
    static Tensor logSumExp(Tensor x, int dim, boolean keepDim) {
        int d = Shape.wrapDim("logSumExp", dim, x.rank());
        int[] kept = x.shape.clone();
        kept[d] = 1;
        Tensor out = Tensor.empty(x.dtype(), kept);
        forEachLane(x, d, out, (xs, xStride, os, outStride, length) ->
                out.storage.set(os, laneLogSumExp(x.storage, xs, xStride, length)));
        return keepDim ? out : out.squeeze(d);
    }

    private static double laneLogSumExp(Storage s, int start, int stride, int length) {
        double max = laneMax(s, start, stride, length);
        if (Double.isInfinite(max)) {
            return max; // all -inf gives -inf; any +inf gives +inf
        }
        return max + Math.log(laneSumExp(s, start, stride, length, max));
    }

    private static double laneMax(Storage s, int start, int stride, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, s.get(start + i * stride));
        }
        return max;
    }

    /** sum(exp(x - shift)) over one lane; with shift = max every term is at most 1. */
    private static double laneSumExp(Storage s, int start, int stride, int length, double shift) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += Math.exp(s.get(start + i * stride) - shift);
        }
        return sum;
    }

    /**
     * softmax (log = false) or logSoftmax (log = true) along dim, shifted by the lane's max.
     * Working with x - max (not x - logSumExp) keeps full precision when |x| is large: for
     * x = [1000, 1000], 1000 - 1000.693... would already carry an error of 1e-13.
     */
    static Tensor softmax(Tensor x, int dim, boolean log) {
        int d = Shape.wrapDim(log ? "logSoftmax" : "softmax", dim, x.rank());
        Tensor out = Tensor.empty(x.dtype(), x.shape);
        forEachLane(x, d, out, (xs, xStride, os, outStride, length) -> {
            double max = laneMax(x.storage, xs, xStride, length);
            double sum = laneSumExp(x.storage, xs, xStride, length, max);
            double logSum = Math.log(sum);
            for (int i = 0; i < length; i++) {
                double shifted = x.storage.get(xs + i * xStride) - max;
                out.storage.set(os + i * outStride, log ? shifted - logSum : Math.exp(shifted) / sum);
            }
        });
        return out;
    }
}
