package dev.tensorgrad.tensor;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.ElementwiseKernels;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.Arrays;

/**
 * Elementwise ops over tensors of any layout. The general path allocates a fresh contiguous result
 * and walks the operands with the {@link StridedLoop}: each innermost row goes to the SIMD kernel
 * when every operand is contiguous or constant along it, and any other layout takes the plain
 * strided loop, which is always correct and is the reference for the fast path.
 *
 * <p>The fast path, like PyTorch's TensorIterator: when every operand that is not a single value
 * has the same shape and the same <em>dense</em> layout (no gaps, any dim order, e.g. two
 * transposed matrices), element i of each operand sits at the same distance from its offset, so
 * the whole op is one contiguous SIMD pass over memory. The result then gets that same layout
 * (a transposed result for transposed inputs, as in PyTorch). Its values are those of the general
 * path: bit for bit for arithmetic, and within the last bit for exp, log, tanh and sigmoid, whose
 * SIMD forms may round differently from the scalar definition (as a row's body and tail already
 * may). A one-element op takes this path too, which keeps scalar autograd chains cheap.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        if (StridedLoop.isDense(x.shape, x.strides)) {
            Tensor out = sameLayout(x);
            if (out.numel() == 1) {
                // One element: the scalar definition, as the kernel's tail would; no vectors to set up.
                out.storage.set(0, op.apply(x.storage.get(x.offset)));
            } else if (x.dtype() == DType.FLOAT32) {
                ElementwiseKernels.unary(op, x.storage.floats, x.offset, out.storage.floats, 0, out.numel());
            } else {
                ElementwiseKernels.unary(op, x.storage.doubles, x.offset, out.storage.doubles, 0, out.numel());
            }
            return out;
        }
        return unaryStrided(op, x);
    }

    /** The general path of {@link #unary}, for any layout: the reference the dense fast path is tested against. */
    static Tensor unaryStrided(UnaryOp op, Tensor x) {
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
        // The operand that sets the result's shape; the other must then be a lone value or match it.
        Tensor layout = b.numel() == 1 && b.rank() <= a.rank() ? a : b;
        if (fitsDensePass(a, b, layout)) {
            Tensor out = sameLayout(layout);
            densePass(op, a, b, out);
            return out;
        }
        return binaryStrided(op, a, b);
    }

    /** The general path of {@link #binary}, for any layout: the reference the dense fast path is tested against. */
    static Tensor binaryStrided(BinaryOp op, Tensor a, Tensor b) {
        checkSameDType(op.opName(), a, b);
        int[] shape = Broadcast.shapes(op.opName(), a.shape, b.shape);
        Tensor out = Tensor.empty(a.dtype(), shape);
        binaryStridedInto(op, a, b, out);
        return out;
    }

    /** Writes op(a, b) into {@code out}, whose shape must be the broadcast shape (used by in-place ops too). */
    static void binaryInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (fitsDensePass(a, b, out)) {
            densePass(op, a, b, out);
        } else {
            binaryStridedInto(op, a, b, out);
        }
    }

    /** A fresh tensor with x's dtype, shape and strides (arrays shared: no tensor ever writes into them). */
    private static Tensor sameLayout(Tensor x) {
        return new Tensor(Storage.allocate(x.dtype(), x.numel()), 0, x.shape, x.strides);
    }

    /** Whether {@code out} is dense and each of a and b is laid out exactly like it or is a single value. */
    private static boolean fitsDensePass(Tensor a, Tensor b, Tensor out) {
        return StridedLoop.isDense(out.shape, out.strides) && denseStride(a, out) >= 0 && denseStride(b, out) >= 0;
    }

    /** 1 if x has out's shape and strides, 0 if x is one value broadcast to out's shape, else -1. */
    private static int denseStride(Tensor x, Tensor out) {
        if (Arrays.equals(x.shape, out.shape) && (x.numel() <= 1 || Arrays.equals(x.strides, out.strides))) {
            return 1;
        }
        return x.numel() == 1 && x.rank() <= out.rank() ? 0 : -1;
    }

    /** The fast path, once {@link #fitsDensePass} holds: op over all elements as one contiguous run. */
    private static void densePass(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int aStride = denseStride(a, out);
        int bStride = denseStride(b, out);
        int n = out.numel();
        if (n == 1) {
            // One element (scalar autograd chains): the scalar definition, as the kernel's tail would.
            out.storage.set(out.offset, op.apply(a.storage.get(a.offset), b.storage.get(b.offset)));
        } else if (out.dtype() == DType.FLOAT32) {
            ElementwiseKernels.binary(op, a.storage.floats, a.offset, aStride, b.storage.floats, b.offset, bStride,
                    out.storage.floats, out.offset, n);
        } else {
            ElementwiseKernels.binary(op, a.storage.doubles, a.offset, aStride, b.storage.doubles, b.offset, bStride,
                    out.storage.doubles, out.offset, n);
        }
    }

    /** The strided-loop implementation of {@link #binaryInto}, for any layout and broadcast. */
    private static void binaryStridedInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
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
