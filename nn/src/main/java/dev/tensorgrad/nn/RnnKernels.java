package dev.tensorgrad.nn;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.kernel.ElementwiseKernels;
import dev.tensorgrad.tensor.kernel.Gemm;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The array primitives the fused RNN is built from, each dispatching once on the dtype to
 * a FLOAT32 or FLOAT64 loop. Offsets are relative to each tensor's own offset. Each primitive says
 * which layouts it reads: the GEMM and {@link #copySteps} take explicit strides (layer 0 reads x as
 * it lies), the others contiguous tensors. Writes go straight to the storage arrays (no version
 * bump: the buffers are private to one forward/backward pass).
 */
final class RnnKernels {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    private RnnKernels() {
    }

    /** C (+)= A B on sub-matrices, each given as (offset, row stride, column stride) into its tensor's storage. */
    static void gemm(int m, int n, int k,
                     Tensor a, int aOff, int aRowStride, int aColStride,
                     Tensor b, int bOff, int bRowStride, int bColStride,
                     Tensor c, int cOff, int cRowStride, int cColStride,
                     boolean accumulate, int threads) {
        if (c.dtype() == DType.FLOAT32) {
            Gemm.sgemm(m, n, k,
                    a.storage().floats(), a.offset() + aOff, aRowStride, aColStride,
                    b.storage().floats(), b.offset() + bOff, bRowStride, bColStride,
                    c.storage().floats(), c.offset() + cOff, cRowStride, cColStride,
                    accumulate ? 1f : 0f, threads);
        } else {
            Gemm.dgemm(m, n, k,
                    a.storage().doubles(), a.offset() + aOff, aRowStride, aColStride,
                    b.storage().doubles(), b.offset() + bOff, bRowStride, bColStride,
                    c.storage().doubles(), c.offset() + cOff, cRowStride, cColStride,
                    accumulate ? 1.0 : 0.0, threads);
        }
    }

    /** Packs the k×n sub-matrix of b at (offset, row stride, column stride) for repeated use as a GEMM's B. */
    static Gemm.PackedB pack(int k, int n, Tensor b, int bOff, int bRowStride, int bColStride) {
        if (b.dtype() == DType.FLOAT32) {
            return Gemm.packB(k, n, b.storage().floats(), b.offset() + bOff, bRowStride, bColStride);
        }
        return Gemm.packB(k, n, b.storage().doubles(), b.offset() + bOff, bRowStride, bColStride);
    }

    /** C (+)= A B with B packed by {@link #pack}. */
    static void gemm(int m, int n, int k,
                     Tensor a, int aOff, int aRowStride, int aColStride,
                     Gemm.PackedB b,
                     Tensor c, int cOff, int cRowStride, int cColStride,
                     boolean accumulate, int threads) {
        if (c.dtype() == DType.FLOAT32) {
            Gemm.sgemm(m, n, k, a.storage().floats(), a.offset() + aOff, aRowStride, aColStride, b,
                    c.storage().floats(), c.offset() + cOff, cRowStride, cColStride, accumulate ? 1f : 0f, threads);
        } else {
            Gemm.dgemm(m, n, k, a.storage().doubles(), a.offset() + aOff, aRowStride, aColStride, b,
                    c.storage().doubles(), c.offset() + cOff, cRowStride, cColStride, accumulate ? 1.0 : 0.0, threads);
        }
    }

    /**
     * Copies steps [t0, t0 + count) of src [T, B, F] (any strides, e.g. a transposed view or a
     * broadcast zero) into the first count steps of the contiguous dst [C, B, F]. Rows whose
     * features lie next to each other (the usual case) are copied by a plain loop: the backward
     * pass calls this once per chunk, and a generic strided copy allocates its iteration state.
     */
    static void copySteps(Tensor src, int t0, int count, Tensor dst) {
        int batch = src.size(1);
        int features = src.size(2);
        int[] st = src.strides();
        if (st[2] != 1 && features > 1) {
            dst.narrow(0, 0, count).copyFrom(src.narrow(0, t0, count));
            return;
        }
        Object from = array(src);
        Object to = array(dst);
        int d = dst.offset();
        for (int t = t0; t < t0 + count; t++) {
            for (int b = 0; b < batch; b++, d += features) {
                System.arraycopy(from, src.offset() + t * st[0] + b * st[1], to, d, features);
            }
        }
    }

    /** dst[dstOff, dstOff + n) = src[srcOff, srcOff + n) between contiguous tensors of one dtype. */
    static void copy(Tensor src, int srcOff, Tensor dst, int dstOff, int n) {
        System.arraycopy(array(src), src.offset() + srcOff, array(dst), dst.offset() + dstOff, n);
    }

    /** The tensor's storage array, a float[] or a double[]: System.arraycopy takes either. */
    private static Object array(Tensor t) {
        return t.dtype() == DType.FLOAT32 ? t.storage().floats() : t.storage().doubles();
    }

    /** x[off, off + n) = act(x[off, off + n)), in place. */
    static void activate(Nonlinearity act, Tensor x, int off, int n) {
        UnaryOp op = switch (act) {
            case TANH -> UnaryOp.TANH;
            case RELU -> UnaryOp.RELU;
            case NONE -> null;
        };
        if (op == null) {
            return;
        }
        int p = x.offset() + off;
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.storage().floats();
            ElementwiseKernels.unary(op, v, p, v, p, n);
        } else {
            double[] v = x.storage().doubles();
            ElementwiseKernels.unary(op, v, p, v, p, n);
        }
    }

    /**
     * sums[j] += x[r, j] for every row r, in order, of the rows×cols row-major block of x at off
     * (sums a contiguous [cols] tensor). Each column is summed down the rows in order, continuing
     * from its current value; SIMD lanes hold neighbouring columns, so the vector loop adds exactly
     * what the scalar loop for the last columns would.
     */
    static void addColumnSums(Tensor x, int off, int rows, int cols, Tensor sums) {
        int base = x.offset() + off;
        int so = sums.offset();
        if (x.dtype() == DType.FLOAT32) {
            float[] v = x.storage().floats();
            float[] s = sums.storage().floats();
            int j = 0;
            for (int upper = FS.loopBound(cols); j < upper; j += FS.length()) {
                FloatVector acc = FloatVector.fromArray(FS, s, so + j);
                for (int r = 0; r < rows; r++) {
                    acc = acc.add(FloatVector.fromArray(FS, v, base + r * cols + j));
                }
                acc.intoArray(s, so + j);
            }
            for (; j < cols; j++) {
                for (int r = 0; r < rows; r++) {
                    s[so + j] += v[base + r * cols + j];
                }
            }
        } else {
            double[] v = x.storage().doubles();
            double[] s = sums.storage().doubles();
            int j = 0;
            for (int upper = DS.loopBound(cols); j < upper; j += DS.length()) {
                DoubleVector acc = DoubleVector.fromArray(DS, s, so + j);
                for (int r = 0; r < rows; r++) {
                    acc = acc.add(DoubleVector.fromArray(DS, v, base + r * cols + j));
                }
                acc.intoArray(s, so + j);
            }
            for (; j < cols; j++) {
                for (int r = 0; r < rows; r++) {
                    s[so + j] += v[base + r * cols + j];
                }
            }
        }
    }

    /**
     * d[i] *= act'(a_i), with the derivative read from the activation's output h = act(a):
     * tanh' = 1 - h^2, relu' = [h > 0], identity' = 1.
     */
    static void multiplyByDerivative(Nonlinearity act, Tensor h, int hOff, Tensor d, int dOff, int n) {
        if (act == Nonlinearity.NONE) {
            return;
        }
        int hp = h.offset() + hOff;
        int dp = d.offset() + dOff;
        if (d.dtype() == DType.FLOAT32) {
            float[] hv = h.storage().floats();
            float[] dv = d.storage().floats();
            if (act == Nonlinearity.TANH) {
                for (int i = 0; i < n; i++) {
                    dv[dp + i] *= 1f - hv[hp + i] * hv[hp + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    dv[dp + i] = hv[hp + i] > 0f ? dv[dp + i] : 0f;
                }
            }
        } else {
            double[] hv = h.storage().doubles();
            double[] dv = d.storage().doubles();
            if (act == Nonlinearity.TANH) {
                for (int i = 0; i < n; i++) {
                    dv[dp + i] *= 1.0 - hv[hp + i] * hv[hp + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    dv[dp + i] = hv[hp + i] > 0.0 ? dv[dp + i] : 0.0;
                }
            }
        }
    }
}
