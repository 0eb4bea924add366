package dev.tensorgrad.tensor;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.ElementwiseKernels;
import dev.tensorgrad.tensor.kernel.ParallelFor;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.Arrays;
import java.util.BitSet;

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
 * path: bit for bit, except FLOAT32 tanh, whose SIMD form ({@code RationalTanh}) and scalar
 * definition ({@code Math.tanh}) differ by a few units in the last place, as a row's vector body
 * and scalar tail already may. A one-element op takes this path too, which keeps scalar autograd chains cheap.
 */
final class Elementwise {
    /** Threads split dense passes at multiples of 64 elements: a whole number of vectors of any width. */
    private static final int ALIGN = 64;
    /** Below 2^17 elements per thread (about 20 µs of memory traffic), waking a worker is not worth it. */
    private static final int MIN_PER_THREAD = 1 << 17;

    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        if (StridedLoop.isDense(x.shape, x.strides)) {
            Tensor out = sameLayout(x);
            if (out.numel() == 1) {
                // One element: the scalar definition, as the kernel's tail would; no vectors to set up.
                out.storage.set(0, op.apply(x.storage.get(x.offset)));
            } else {
                densePass(op, x, out);
            }
            return out;
        }
        return unaryStrided(op, x);
    }

    /** The unary fast path: x and out dense with the same layout, one contiguous pass split across threads. */
    private static void densePass(UnaryOp op, Tensor x, Tensor out) {
        overThreads(out.numel(), (from, to) -> {
            if (x.dtype() == DType.FLOAT32) {
                ElementwiseKernels.unary(op, x.storage.floats, x.offset + from, out.storage.floats, out.offset + from, to - from);
            } else {
                ElementwiseKernels.unary(op, x.storage.doubles, x.offset + from, out.storage.doubles, out.offset + from, to - from);
            }
        });
    }

    /**
     * op(x) written into {@code out} (PyTorch's {@code out=}), which must have x's shape and dtype;
     * it may be x itself (in place) but must not otherwise share memory with it.
     */
    static void unaryOut(UnaryOp op, Tensor x, Tensor out) {
        checkSameDType(op.opName(), x, out);
        checkOutShape(op.opName(), x.shape, out);
        checkNoPartialOverlap(op.opName(), x, out);
        if (StridedLoop.isDense(out.shape, out.strides) && Arrays.equals(x.strides, out.strides)) {
            densePass(op, x, out);
            return;
        }
        unaryStridedInto(op, x, out);
    }

    /** The general path of {@link #unary}, for any layout: the reference the dense fast path is tested against. */
    static Tensor unaryStrided(UnaryOp op, Tensor x) {
        Tensor out = Tensor.empty(x.dtype(), x.shape);
        unaryStridedInto(op, x, out);
        return out;
    }

    /** The strided-loop implementation of {@link #unaryStrided}, writing into an out of x's shape. */
    private static void unaryStridedInto(UnaryOp op, Tensor x, Tensor out) {
        int[][] strides = {out.strides, x.strides};
        StridedLoop.run(x.shape, new int[] {out.offset, x.offset}, strides, (pos, step, n) -> {
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

    /**
     * op(a, b) written into {@code out} (PyTorch's {@code out=}): out must have the broadcast shape
     * and the operands' dtype; it may be a or b itself (in place) but must not otherwise share memory with them.
     */
    static void binaryOut(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        checkSameDType(op.opName(), a, b);
        checkSameDType(op.opName(), a, out);
        checkOutShape(op.opName(), Broadcast.shapes(op.opName(), a.shape, b.shape), out);
        binaryInto(op, a, b, out);
    }

    /** Writes op(a, b) into {@code out}, whose shape must be the broadcast shape (used by in-place ops too). */
    static void binaryInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        checkNoPartialOverlap(op.opName(), a, out);
        checkNoPartialOverlap(op.opName(), b, out);
        if (fitsDensePass(a, b, out)) {
            densePass(op, a, b, out);
        } else {
            binaryStridedInto(op, a, b, out);
        }
    }

    /**
     * y += alpha * x in place; x has y's layout or is one value, else it goes through a temporary
     * product. The product is rounded before the sum either way, so both paths give the same bits.
     */
    static void addScaledInto(double alpha, Tensor x, Tensor y) {
        checkInPlaceOperand("addScaledInPlace", x, y);
        checkNoPartialOverlap("addScaledInPlace", x, y);
        if (!fitsDensePass(x, y, y)) {
            binaryInto(BinaryOp.ADD, y, x.mul(alpha), y);
            return;
        }
        int xStride = denseStride(x, y);
        overThreads(y.numel(), (from, to) -> {
            if (y.dtype() == DType.FLOAT32) {
                ElementwiseKernels.addScaled((float) alpha, x.storage.floats, x.offset + from * xStride, xStride,
                        y.storage.floats, y.offset + from, to - from);
            } else {
                ElementwiseKernels.addScaled(alpha, x.storage.doubles, x.offset + from * xStride, xStride,
                        y.storage.doubles, y.offset + from, to - from);
            }
        });
    }

    /** Runs a dense pass over [0, n) on all threads, in ranges that start on the {@link #ALIGN} grid. */
    private static void overThreads(int n, ParallelFor.Range body) {
        ParallelFor.run(n, ALIGN, MIN_PER_THREAD, ParallelFor.defaultThreads(), body);
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
            return;
        }
        overThreads(n, (from, to) -> {
            if (out.dtype() == DType.FLOAT32) {
                ElementwiseKernels.binary(op, a.storage.floats, a.offset + from * aStride, aStride,
                        b.storage.floats, b.offset + from * bStride, bStride, out.storage.floats, out.offset + from, to - from);
            } else {
                ElementwiseKernels.binary(op, a.storage.doubles, a.offset + from * aStride, aStride,
                        b.storage.doubles, b.offset + from * bStride, bStride, out.storage.doubles, out.offset + from, to - from);
            }
        });
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

    private static void checkOutShape(String op, int[] resultShape, Tensor out) {
        if (!Arrays.equals(resultShape, out.shape)) {
            throw new IllegalArgumentException(op + ": out has shape " + Shape.format(out.shape)
                    + " but the result has shape " + Shape.format(resultShape));
        }
    }

    /**
     * Rejects an output that shares memory with an input without being that very input, or whose
     * own elements share memory (a broadcast view): the values written would depend on the order
     * in which elements are visited, which differs between the fast and the general path and
     * between thread counts. Views whose address ranges intersect are compared element by element
     * (interleaved views such as two columns of one matrix share none and are allowed).
     */
    static void checkNoPartialOverlap(String op, Tensor input, Tensor out) {
        for (int d = 0; d < out.rank(); d++) {
            if (out.strides[d] == 0 && out.shape[d] > 1) {
                throw new IllegalArgumentException(op + ": cannot write into a broadcast (expanded) tensor of shape "
                        + Shape.format(out.shape) + ": several of its elements share one memory location; clone it first");
            }
        }
        if (input.storage != out.storage || input.numel() == 0 || out.numel() == 0) {
            return;
        }
        boolean sameView = input.offset == out.offset && Arrays.equals(input.shape, out.shape)
                && Arrays.equals(input.strides, out.strides);
        if (!sameView && overlaps(input, out) && shareAnElement(input, out)) {
            throw new IllegalArgumentException(op + ": the output " + Shape.format(out.shape) + " and an input "
                    + Shape.format(input.shape) + " partly share memory; clone the input first");
        }
    }

    /** Whether the address ranges [lowest, highest] element of the two views intersect. */
    private static boolean overlaps(Tensor x, Tensor y) {
        return lowest(x) <= highest(y) && lowest(y) <= highest(x);
    }

    /**
     * Whether an element of x and an element of y sit at the same memory position: marks x's
     * positions, then looks up y's. Exact, and only run when the address ranges intersect.
     */
    private static boolean shareAnElement(Tensor x, Tensor y) {
        BitSet used = new BitSet();
        StridedLoop.run(x.shape, new int[] {x.offset}, new int[][] {x.strides}, (pos, step, n) -> {
            for (int i = 0; i < n; i++) {
                used.set(pos[0] + i * step[0]);
            }
        });
        boolean[] shared = {false};
        StridedLoop.run(y.shape, new int[] {y.offset}, new int[][] {y.strides}, (pos, step, n) -> {
            for (int i = 0; i < n && !shared[0]; i++) {
                shared[0] = used.get(pos[0] + i * step[0]);
            }
        });
        return shared[0];
    }

    private static long lowest(Tensor x) {
        long index = x.offset;
        for (int d = 0; d < x.rank(); d++) {
            index += Math.min(0L, (long) x.strides[d] * (x.shape[d] - 1));
        }
        return index;
    }

    private static long highest(Tensor x) {
        long index = x.offset;
        for (int d = 0; d < x.rank(); d++) {
            index += Math.max(0L, (long) x.strides[d] * (x.shape[d] - 1));
        }
        return index;
    }

    /**
     * The checks an in-place op makes before it writes: other has target's dtype and broadcasts to
     * target's shape, which cannot grow (PyTorch: "output with shape [3] doesn't match the broadcast shape [2, 3]").
     */
    static void checkInPlaceOperand(String op, Tensor other, Tensor target) {
        checkSameDType(op, target, other);
        if (!Broadcast.canExpand(other.shape, target.shape)) {
            throw new IllegalArgumentException(op + ": cannot broadcast " + Shape.format(other.shape)
                    + " to the shape " + Shape.format(target.shape) + " of the tensor written into");
        }
    }

    static void checkSameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + a.dtype() + " " + Shape.format(a.shape)
                    + " and " + b.dtype() + " " + Shape.format(b.shape) + "); convert one with to(dtype)");
        }
    }
}
