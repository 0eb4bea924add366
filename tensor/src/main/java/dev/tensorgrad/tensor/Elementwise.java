package dev.tensorgrad.tensor;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.ElementwiseKernels;
import dev.tensorgrad.tensor.kernel.UnaryOp;

/**
 * Elementwise ops over tensors of any layout. The result is always a fresh contiguous tensor.
 * Each innermost row goes to the SIMD kernel when every operand is contiguous or constant along
 * it; any other layout takes the plain strided loop, which is always correct.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        Tensor out = Tensor.empty(x.dtype(), x.shape);
        int[][] strides = {out.strides, x.strides};
        StridedLoop.run(x.shape, new int[] {0, x.offset}, strides, (pos, step, n) -> {
            if (step[0] == 1 && step[1] == 1) {
                if (x.dtype() == DType.FLOAT32) {
                    ElementwiseKernels.unary(op, x.storage.floats, pos[1], out.storage.floats, pos[0], n);
                } else {
                    ElementwiseKernels.unary(op, x.storage.doubles, pos[1], out.storage.doubles, pos[0], n);
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                out.storage.set(pos[0] + i * step[0], op.apply(x.storage.get(pos[1] + i * step[1])));
            }
        });
        return out;
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        checkSameDType(op.opName(), a, b);
        int[] shape = Broadcast.shapes(op.opName(), a.shape, b.shape);
        Tensor out = Tensor.empty(a.dtype(), shape);
        binaryInto(op, a, b, out);
        return out;
    }

    /** Writes op(a, b) into {@code out}, whose shape must be the broadcast shape (used by in-place ops too). */
    static void binaryInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int[] shape = out.shape;
        int[][] strides = {
            out.strides,
            Broadcast.expandedStrides(op.opName(), a.shape, a.strides, shape),
            Broadcast.expandedStrides(op.opName(), b.shape, b.strides, shape),
        };
        StridedLoop.run(shape, new int[] {out.offset, a.offset, b.offset}, strides, (pos, step, n) -> {
            if (step[0] == 1 && step[1] <= 1 && step[2] <= 1 && step[1] >= 0 && step[2] >= 0) {
                if (out.dtype() == DType.FLOAT32) {
                    ElementwiseKernels.binary(op, a.storage.floats, pos[1], step[1], b.storage.floats, pos[2], step[2],
                            out.storage.floats, pos[0], n);
                } else {
                    ElementwiseKernels.binary(op, a.storage.doubles, pos[1], step[1], b.storage.doubles, pos[2], step[2],
                            out.storage.doubles, pos[0], n);
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                double value = op.apply(a.storage.get(pos[1] + i * step[1]), b.storage.get(pos[2] + i * step[2]));
                out.storage.set(pos[0] + i * step[0], value);
            }
        });
    }

    /** where(condition, a, b): a where condition is non-zero, else b; all three broadcast together. */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        checkSameDType("where", a, b);
        int[] shape = Broadcast.shapes("where", Broadcast.shapes("where", condition.shape, a.shape), b.shape);
        Tensor out = Tensor.empty(a.dtype(), shape);
        int[][] strides = {
            out.strides,
            Broadcast.expandedStrides("where", condition.shape, condition.strides, shape),
            Broadcast.expandedStrides("where", a.shape, a.strides, shape),
            Broadcast.expandedStrides("where", b.shape, b.strides, shape),
        };
        int[] offsets = {out.offset, condition.offset, a.offset, b.offset};
        StridedLoop.run(shape, offsets, strides, (pos, step, n) -> {
            for (int i = 0; i < n; i++) {
                boolean pick = condition.storage.get(pos[1] + i * step[1]) != 0;
                double value = pick ? a.storage.get(pos[2] + i * step[2]) : b.storage.get(pos[3] + i * step[3]);
                out.storage.set(pos[0] + i * step[0], value);
            }
        });
        return out;
    }

    /** Copies {@code source} (broadcast to dest's shape, any dtype) into {@code dest}. */
    static void copyInto(Tensor source, Tensor dest) {
        int[][] strides = {dest.strides, Broadcast.expandedStrides("copy", source.shape, source.strides, dest.shape)};
        StridedLoop.run(dest.shape, new int[] {dest.offset, source.offset}, strides, (pos, step, n) -> {
            if (step[0] == 1 && step[1] == 1 && source.dtype() == dest.dtype()) {
                if (dest.dtype() == DType.FLOAT32) {
                    System.arraycopy(source.storage.floats, pos[1], dest.storage.floats, pos[0], n);
                } else {
                    System.arraycopy(source.storage.doubles, pos[1], dest.storage.doubles, pos[0], n);
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                dest.storage.set(pos[0] + i * step[0], source.storage.get(pos[1] + i * step[1]));
            }
        });
    }

    static void checkSameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + a.dtype() + " " + Shape.format(a.shape)
                    + " and " + b.dtype() + " " + Shape.format(b.shape) + "); convert one with to(dtype)");
        }
    }
}
