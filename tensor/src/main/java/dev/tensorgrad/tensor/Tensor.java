package dev.tensorgrad.tensor;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.ParallelFor;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.Arrays;

/**
 * An n-dimensional array of FLOAT32 or FLOAT64 values: a view into flat {@link Storage} given by an
 * offset, a shape and strides. Element {@code [i0, i1, ...]} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...}. Views (transpose, slice, expand, ...)
 * only change those three numbers and share the storage, so writing through a view changes the
 * base tensor.
 *
 * <p>Ops follow NumPy/PyTorch semantics (broadcasting, keepDim, negative dims) and return new
 * tensors unless their name ends in {@code InPlace} or they take an {@code out} tensor to write into. Shape and dtype mismatches throw
 * {@link IllegalArgumentException} naming the op and the shapes involved.
 */
public final class Tensor {
    final Storage storage;
    final int offset;
    final int[] shape;
    final int[] strides;

    Tensor(Storage storage, int offset, int[] shape, int[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    // ---------------------------------------------------------------- creation

    static Tensor empty(DType dtype, int[] shape) {
        int[] checked = Shape.checked("new tensor", shape);
        return new Tensor(Storage.allocate(dtype, Shape.numel(checked)), 0, checked, Shape.contiguousStrides(checked));
    }

    /** A FLOAT32 tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** A tensor of zeros of the given dtype. */
    public static Tensor zeros(DType dtype, int... shape) {
        return empty(dtype, shape);
    }

    /** A FLOAT32 tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, DType.FLOAT32, shape);
    }

    /** A tensor of ones of the given dtype. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(1.0, dtype, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(double value, DType dtype, int... shape) {
        Tensor t = empty(dtype, shape);
        if (dtype == DType.FLOAT32) {
            Arrays.fill(t.storage.floats, (float) value);
        } else {
            Arrays.fill(t.storage.doubles, value);
        }
        return t;
    }

    /** A 0-dim tensor holding one value. */
    public static Tensor scalar(double value, DType dtype) {
        return full(value, dtype);
    }

    /** Zeros with the shape and dtype of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return zeros(like.dtype(), like.shape);
    }

    /** Ones with the shape and dtype of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return full(1.0, like.dtype(), like.shape);
    }

    /** [0, 1, ..., n-1] as FLOAT32. */
    public static Tensor arange(int n) {
        return arange(0, n, 1, DType.FLOAT32);
    }

    /** start, start+step, ... up to but excluding end, like NumPy's arange. */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: need finite bounds and a non-zero step, got start=" + start
                    + " end=" + end + " step=" + step);
        }
        double count = Math.max(0, Math.ceil((end - start) / step));
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: start=" + start + " end=" + end + " step=" + step + " gives "
                    + (long) count + " values, more than a tensor can hold (" + Integer.MAX_VALUE + ")");
        }
        int n = (int) count;
        Tensor t = empty(dtype, new int[] {n});
        for (int i = 0; i < n; i++) {
            t.storage.set(i, start + i * step);
        }
        return t;
    }

    /** {@code steps} evenly spaced values from start to end inclusive. */
    public static Tensor linspace(double start, double end, int steps, DType dtype) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        }
        Tensor t = empty(dtype, new int[] {steps});
        for (int i = 0; i < steps; i++) {
            t.storage.set(i, steps == 1 ? start : start + (end - start) * i / (steps - 1));
        }
        return t;
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n, DType dtype) {
        Tensor t = zeros(dtype, n, n);
        for (int i = 0; i < n; i++) {
            t.storage.set(i * n + i, 1.0);
        }
        return t;
    }

    /** A FLOAT32 tensor of the given shape over a copy of {@code values} (row-major). */
    public static Tensor of(float[] values, int... shape) {
        checkLength("of", values.length, shape);
        return new Tensor(Storage.wrap(values.clone()), 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A FLOAT64 tensor of the given shape over a copy of {@code values} (row-major). */
    public static Tensor of(double[] values, int... shape) {
        checkLength("of", values.length, shape);
        return new Tensor(Storage.wrap(values.clone()), 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A 1-D FLOAT64 tensor holding {@code values}. */
    public static Tensor of(double... values) {
        return of(values, values.length);
    }

    /** A FLOAT64 matrix from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    /** A FLOAT32 matrix from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    private static void checkLength(String op, int length, int[] shape) {
        if (Shape.numel(Shape.checked(op, shape)) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values cannot fill shape " + Shape.format(shape));
        }
    }

    /**
     * Uniform values in [low, high) drawn from {@code rng} (all equal to low when low == high).
     *
     * @throws IllegalArgumentException if a bound is not finite or low > high
     */
    public static Tensor uniform(Rng rng, double low, double high, DType dtype, int... shape) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
            throw new IllegalArgumentException("uniform: need finite bounds with low <= high, got " + low + " and " + high);
        }
        Tensor t = empty(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            double value = dtype.round(rng.uniform(low, high));
            // Rounding (to float, or of low + (high - low) u itself) can land on high; the interval is open there.
            t.storage.set(i, value >= high && high > low ? below(high, dtype) : value);
        }
        return t;
    }

    /** The largest value of the dtype below x. */
    private static double below(double x, DType dtype) {
        return dtype == DType.FLOAT32 ? Math.nextDown((float) x) : Math.nextDown(x);
    }

    /** Uniform values in [0, 1), like torch.rand. */
    public static Tensor rand(Rng rng, DType dtype, int... shape) {
        return uniform(rng, 0, 1, dtype, shape);
    }

    /** Standard normal values, like torch.randn. */
    public static Tensor randn(Rng rng, DType dtype, int... shape) {
        Tensor t = empty(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            t.storage.set(i, rng.nextGaussian());
        }
        return t;
    }

    /** Integers uniform in [low, high), stored as floating point values. */
    public static Tensor randint(Rng rng, int low, int high, DType dtype, int... shape) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: need low < high, got " + low + " and " + high);
        }
        if ((long) high - low > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("randint: the range [" + low + ", " + high + ") holds more than "
                    + Integer.MAX_VALUE + " integers");
        }
        Tensor t = empty(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            t.storage.set(i, low + rng.nextInt(high - low));
        }
        return t;
    }

    /** A random permutation of 0..n-1 as a 1-D tensor. */
    public static Tensor randperm(Rng rng, int n, DType dtype) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm: n must be >= 0, got " + n);
        }
        int[] p = rng.permutation(n);
        Tensor t = empty(dtype, new int[] {n});
        for (int i = 0; i < n; i++) {
            t.storage.set(i, p[i]);
        }
        return t;
    }

    // ---------------------------------------------------------------- layout

    /** The element type. */
    public DType dtype() {
        return storage.dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    /** Position of element [0, 0, ...] in the storage. */
    public int offset() {
        return offset;
    }

    /** The flat memory this tensor views (shared with every other view of it). */
    public Storage storage() {
        return storage;
    }

    /** Number of dims. */
    public int rank() {
        return shape.length;
    }

    /** Size of one dim; negative dims count from the end. */
    public int size(int dim) {
        return shape[Shape.wrapDim("size", dim, rank())];
    }

    /** Total number of elements. */
    public int numel() {
        return Shape.numel(shape);
    }

    /** Whether the elements are laid out row-major without gaps, starting at the offset. */
    public boolean isContiguous() {
        if (numel() == 0) {
            return true; // no elements, so no layout to get wrong (as in PyTorch)
        }
        int expected = 1;
        for (int d = rank() - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Whether the two tensors share storage (one may be a view of the other). */
    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    // ---------------------------------------------------------------- element access

    private int position(String op, int[] index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException(op + ": " + index.length + " indices for a tensor of shape "
                    + Shape.format(shape));
        }
        int p = offset;
        for (int d = 0; d < rank(); d++) {
            p += Indexing.wrapIndex(op, index[d], shape[d], d) * strides[d];
        }
        return p;
    }

    /** The element at {@code index} (one index per dim; negative indices count from the end). */
    public double get(int... index) {
        return storage.get(position("get", index));
    }

    /** Writes one element (rounded to float for FLOAT32; negative indices count from the end). */
    public void set(double value, int... index) {
        storage.set(position("set", index), value);
        storage.bumpVersion();
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + Shape.format(shape) + " has " + numel()
                    + " elements, not 1");
        }
        return storage.get(offset);
    }

    /** A fresh copy of the elements in row-major order, as doubles. */
    public double[] toDoubleArray() {
        Tensor out = empty(DType.FLOAT64, shape);
        Elementwise.copyInto(this, out);
        return out.storage.doubles;
    }

    /** A fresh copy of the elements in row-major order, as floats. */
    public float[] toFloatArray() {
        Tensor out = empty(DType.FLOAT32, shape);
        Elementwise.copyInto(this, out);
        return out.storage.floats;
    }

    /** The elements as ints (they must be whole numbers), e.g. class labels or argmax results. */
    public int[] toIntArray() {
        double[] values = toDoubleArray();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = (int) values[i];
            if (ints[i] != values[i]) {
                throw new IllegalArgumentException("toIntArray: element " + i + " is " + values[i] + ", not an integer");
            }
        }
        return ints;
    }

    /** A matrix as rows of doubles. */
    public double[][] toDoubleMatrix() {
        if (rank() != 2) {
            throw new IllegalArgumentException("toDoubleMatrix: need a 2-D tensor, got shape " + Shape.format(shape));
        }
        double[] flat = toDoubleArray();
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    /** This tensor converted to {@code dtype}; returns {@code this} if it already has that dtype. */
    public Tensor to(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        Tensor out = empty(dtype, shape);
        Elementwise.copyInto(this, out);
        return out;
    }

    /** A contiguous tensor with the same values: {@code this} if already contiguous, else a copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /** A fresh contiguous copy that shares nothing with this tensor. */
    public Tensor copy() {
        Tensor out = empty(dtype(), shape);
        Elementwise.copyInto(this, out);
        return out;
    }

    // ---------------------------------------------------------------- views

    /**
     * The same elements with a new shape, without copying; one size may be -1 (inferred).
     * Throws if the strides do not allow a view; {@link #reshape} copies in that case.
     */
    public Tensor view(int... newShape) {
        int[] target = inferShape("view", newShape);
        int[] newStrides = Views.stridesForView(shape, strides, target);
        if (newStrides == null) {
            throw new IllegalArgumentException("view: shape " + Shape.format(target) + " is not compatible with the "
                    + "strides " + Shape.format(strides) + " of shape " + Shape.format(shape)
                    + "; use reshape(...) or contiguous() first");
        }
        return new Tensor(storage, offset, target, newStrides);
    }

    /** Like PyTorch's reshape: a view when the strides allow it, otherwise a contiguous copy. */
    public Tensor reshape(int... newShape) {
        int[] target = inferShape("reshape", newShape);
        int[] newStrides = Views.stridesForView(shape, strides, target);
        return newStrides != null ? new Tensor(storage, offset, target, newStrides) : copy().view(target);
    }

    /** All elements in one dim (a view if possible). */
    public Tensor flatten() {
        return reshape(-1);
    }

    private int[] inferShape(String op, int[] newShape) {
        int known = 1;
        int inferred = -1;
        for (int d = 0; d < newShape.length; d++) {
            if (newShape[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(op + ": only one dim can be -1 in " + Shape.format(newShape));
                }
                inferred = d;
            } else if (newShape[d] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + newShape[d] + " in " + Shape.format(newShape));
            } else {
                known *= newShape[d];
            }
        }
        int[] target = newShape.clone();
        if (inferred >= 0) {
            if (known == 0 || numel() % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer -1 in " + Shape.format(newShape)
                        + " for shape " + Shape.format(shape));
            }
            target[inferred] = numel() / known;
        }
        if (Shape.numel(target) != numel()) {
            throw new IllegalArgumentException(op + ": shape " + Shape.format(shape) + " (" + numel()
                    + " elements) cannot become " + Shape.format(newShape));
        }
        return target;
    }

    /** Swaps two dims (a view). */
    public Tensor transpose(int dim0, int dim1) {
        int a = Shape.wrapDim("transpose", dim0, rank());
        int b = Shape.wrapDim("transpose", dim1, rank());
        int[] order = new int[rank()];
        for (int d = 0; d < rank(); d++) {
            order[d] = d == a ? b : d == b ? a : d;
        }
        return permute(order);
    }

    /** The transpose of a matrix (a view); a 1-D tensor is returned unchanged, as in PyTorch. */
    public Tensor t() {
        if (rank() > 2) {
            throw new IllegalArgumentException("t: expects a tensor with at most 2 dims, got shape " + Shape.format(shape));
        }
        return rank() < 2 ? this : transpose(0, 1);
    }

    /** Reorders the dims (a view): result dim i is this tensor's dim {@code order[i]}. */
    public Tensor permute(int... order) {
        if (order.length != rank()) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " does not match shape "
                    + Shape.format(shape));
        }
        boolean[] seen = new boolean[rank()];
        int[] newShape = new int[rank()];
        int[] newStrides = new int[rank()];
        for (int i = 0; i < rank(); i++) {
            int d = Shape.wrapDim("permute", order[i], rank());
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dim " + order[i] + " repeats in " + Arrays.toString(order));
            }
            seen[d] = true;
            newShape[i] = shape[d];
            newStrides[i] = strides[d];
        }
        return new Tensor(storage, offset, newShape, newStrides);
    }

    /** Elements start .. start+length-1 along dim (a view); a negative start counts from the end, as in PyTorch. */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shape.wrapDim("narrow", dim, rank());
        int from = start < 0 && start >= -shape[d] ? start + shape[d] : start;
        if (from < 0 || length < 0 || (long) from + length > shape[d]) {
            throw new IllegalArgumentException("narrow: range [" + from + ", " + ((long) from + length) + ") is out of range"
                    + " for dim " + d + " of size " + shape[d]);
        }
        return slice(d, from, from + length, 1);
    }

    /** Elements start, start+step, ... below end along dim, like Python's {@code x[start:end:step]} (a view). */
    public Tensor slice(int dim, int start, int end, int step) {
        int d = Shape.wrapDim("slice", dim, rank());
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int size = shape[d];
        int from = Math.min(Math.max(start < 0 ? start + size : start, 0), size);
        int to = Math.min(Math.max(end < 0 ? end + size : end, from), size);
        int[] newShape = shape.clone();
        int[] newStrides = strides.clone();
        // ceil((to - from) / step), written so that a step near Integer.MAX_VALUE cannot overflow.
        newShape[d] = to == from ? 0 : (to - from - 1) / step + 1;
        // With at most one element left the stride is never used, and step * stride might overflow.
        newStrides[d] = newShape[d] <= 1 ? strides[d] : strides[d] * step;
        return new Tensor(storage, offset + from * strides[d], newShape, newStrides);
    }

    /** The slice at {@code index} along dim, with that dim removed (a view). */
    public Tensor select(int dim, int index) {
        int d = Shape.wrapDim("select", dim, rank());
        int i = Indexing.wrapIndex("select", index, shape[d], d);
        return new Tensor(storage, offset + i * strides[d], Views.remove(shape, d), Views.remove(strides, d));
    }

    /** Removes every size-1 dim (a view). */
    public Tensor squeeze() {
        Tensor t = this;
        for (int d = rank() - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                t = t.squeeze(d);
            }
        }
        return t;
    }

    /** Removes dim if its size is 1, else returns this tensor unchanged, as PyTorch does (a view). */
    public Tensor squeeze(int dim) {
        int d = Shape.wrapDim("squeeze", dim, rank());
        if (shape[d] != 1) {
            return this;
        }
        return new Tensor(storage, offset, Views.remove(shape, d), Views.remove(strides, d));
    }

    /** Inserts a size-1 dim at position dim (a view); dim may be rank() to append one. */
    public Tensor unsqueeze(int dim) {
        int d = Shape.wrapNewDim("unsqueeze", dim, rank(), "a tensor");
        int stride = d < rank() ? strides[d] * shape[d] : 1;
        return new Tensor(storage, offset, Views.insert(shape, d, 1), Views.insert(strides, d, stride));
    }

    /**
     * Broadcasts to a larger shape with stride 0 along stretched dims (a view; nothing is copied).
     * As in PyTorch, -1 keeps the size of an existing dim: {@code x.expand(4, -1)} on [1, 3] gives [4, 3].
     *
     * @throws IllegalArgumentException if a size is negative (other than -1 on an existing dim), or
     *     a dim of size other than 1 would change
     */
    public Tensor expand(int... newShape) {
        int[] target = newShape.clone();
        int lead = target.length - rank();
        for (int d = 0; d < target.length; d++) {
            if (target[d] == -1 && d >= lead) {
                target[d] = shape[d - lead];
            } else if (target[d] < 0) {
                throw new IllegalArgumentException("expand: size " + target[d] + " at dim " + d + " of "
                        + Shape.format(newShape) + " is not allowed (-1 keeps an existing dim of "
                        + Shape.format(shape) + "; new leading dims need a size)");
            }
        }
        return new Tensor(storage, offset, target, Broadcast.expandedStrides("expand", shape, strides, target));
    }

    /** Same as {@link #expand}, NumPy's name. */
    public Tensor broadcastTo(int... newShape) {
        return expand(newShape);
    }

    // ---------------------------------------------------------------- elementwise

    /** this + other, broadcasting. */
    public Tensor add(Tensor other) {
        return Elementwise.binary(BinaryOp.ADD, this, other);
    }

    /** this + value. */
    public Tensor add(double value) {
        return add(scalar(value, dtype()));
    }

    /** this - other, broadcasting. */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(BinaryOp.SUB, this, other);
    }

    /** this - value. */
    public Tensor sub(double value) {
        return sub(scalar(value, dtype()));
    }

    /** this * other elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(BinaryOp.MUL, this, other);
    }

    /** this * value. */
    public Tensor mul(double value) {
        return mul(scalar(value, dtype()));
    }

    /** this / other elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return Elementwise.binary(BinaryOp.DIV, this, other);
    }

    /** this / value. */
    public Tensor div(double value) {
        return div(scalar(value, dtype()));
    }

    /** this ^ other elementwise, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Elementwise.binary(BinaryOp.POW, this, exponent);
    }

    /** this ^ exponent. */
    public Tensor pow(double exponent) {
        return pow(scalar(exponent, dtype()));
    }

    /** Elementwise maximum (NaN propagates). */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary(BinaryOp.MAXIMUM, this, other);
    }

    /** Elementwise minimum (NaN propagates). */
    public Tensor minimum(Tensor other) {
        return Elementwise.binary(BinaryOp.MINIMUM, this, other);
    }

    /** Limits every element to [min, max]. */
    public Tensor clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return maximum(scalar(min, dtype())).minimum(scalar(max, dtype()));
    }

    /** Applies an elementwise function by its enum; the named methods below are shorthands. */
    public Tensor map(UnaryOp op) {
        return Elementwise.unary(op, this);
    }

    /** Applies an elementwise two-argument function by its enum, broadcasting. */
    public Tensor zip(BinaryOp op, Tensor other) {
        return Elementwise.binary(op, this, other);
    }

    /** -this. */
    public Tensor neg() {
        return map(UnaryOp.NEG);
    }

    /** e^this. */
    public Tensor exp() {
        return map(UnaryOp.EXP);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return map(UnaryOp.LOG);
    }

    /** Square root. */
    public Tensor sqrt() {
        return map(UnaryOp.SQRT);
    }

    /** Absolute value. */
    public Tensor abs() {
        return map(UnaryOp.ABS);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return map(UnaryOp.TANH);
    }

    /** 1 / (1 + e^-this). */
    public Tensor sigmoid() {
        return map(UnaryOp.SIGMOID);
    }

    /** max(this, 0). */
    public Tensor relu() {
        return map(UnaryOp.RELU);
    }

    /** -1, 0 or 1 by sign. */
    public Tensor sign() {
        return map(UnaryOp.SIGN);
    }

    /** Mask (1.0/0.0) of this == other. */
    public Tensor eq(Tensor other) {
        return zip(BinaryOp.EQ, other);
    }

    /** Mask of this != other. */
    public Tensor ne(Tensor other) {
        return zip(BinaryOp.NE, other);
    }

    /** Mask of this &lt; other. */
    public Tensor lt(Tensor other) {
        return zip(BinaryOp.LT, other);
    }

    /** Mask of this &lt;= other. */
    public Tensor le(Tensor other) {
        return zip(BinaryOp.LE, other);
    }

    /** Mask of this &gt; other. */
    public Tensor gt(Tensor other) {
        return zip(BinaryOp.GT, other);
    }

    /** Mask of this &gt;= other. */
    public Tensor ge(Tensor other) {
        return zip(BinaryOp.GE, other);
    }

    /** Mask of this &gt; value. */
    public Tensor gt(double value) {
        return gt(scalar(value, dtype()));
    }

    /** Mask of this &lt; value. */
    public Tensor lt(double value) {
        return lt(scalar(value, dtype()));
    }

    /** Elements of a where condition is non-zero, else of b; all three broadcast. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
    }

    // ---------------------------------------------------------------- into an existing tensor (PyTorch's out=)

    /**
     * this + other written into {@code out} instead of a new tensor, like {@code torch.add(a, b, out=c)}:
     * no allocation, so a loop can reuse one result buffer. Returns out.
     *
     * @throws IllegalArgumentException if out's shape is not the broadcast shape, the dtypes differ,
     *     or out partly shares memory with an operand (being one of them is allowed)
     */
    public Tensor add(Tensor other, Tensor out) {
        return zip(BinaryOp.ADD, other, out);
    }

    /** this - other written into {@code out}; see {@link #add(Tensor, Tensor)}. Returns out. */
    public Tensor sub(Tensor other, Tensor out) {
        return zip(BinaryOp.SUB, other, out);
    }

    /** this * other written into {@code out}; see {@link #add(Tensor, Tensor)}. Returns out. */
    public Tensor mul(Tensor other, Tensor out) {
        return zip(BinaryOp.MUL, other, out);
    }

    /** this / other written into {@code out}; see {@link #add(Tensor, Tensor)}. Returns out. */
    public Tensor div(Tensor other, Tensor out) {
        return zip(BinaryOp.DIV, other, out);
    }

    /** tanh(this) written into {@code out}; see {@link #map(UnaryOp, Tensor)}. Returns out. */
    public Tensor tanh(Tensor out) {
        return map(UnaryOp.TANH, out);
    }

    /**
     * op(this, other) written into {@code out}, which must have the broadcast shape and the same dtype.
     *
     * @throws IllegalArgumentException as {@link #add(Tensor, Tensor)}
     */
    public Tensor zip(BinaryOp op, Tensor other, Tensor out) {
        Elementwise.binaryOut(op, this, other, out);
        out.storage.bumpVersion();
        return out;
    }

    /**
     * op(this) written into {@code out}, which must have this tensor's shape and dtype; out may be
     * this tensor itself (an in-place op).
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, or out partly shares memory with this tensor
     */
    public Tensor map(UnaryOp op, Tensor out) {
        Elementwise.unaryOut(op, this, out);
        out.storage.bumpVersion();
        return out;
    }

    // ---------------------------------------------------------------- in place (optimizers, accumulation)

    /** this += other (other broadcast to this shape); returns this. */
    public Tensor addInPlace(Tensor other) {
        Elementwise.checkInPlaceOperand("addInPlace", other, this);
        Elementwise.binaryInto(BinaryOp.ADD, this, other, this);
        storage.bumpVersion();
        return this;
    }

    /** this -= other; returns this. */
    public Tensor subInPlace(Tensor other) {
        Elementwise.checkInPlaceOperand("subInPlace", other, this);
        Elementwise.binaryInto(BinaryOp.SUB, this, other, this);
        storage.bumpVersion();
        return this;
    }

    /** this *= other; returns this. */
    public Tensor mulInPlace(Tensor other) {
        Elementwise.checkInPlaceOperand("mulInPlace", other, this);
        Elementwise.binaryInto(BinaryOp.MUL, this, other, this);
        storage.bumpVersion();
        return this;
    }

    /** this *= value; returns this. */
    public Tensor mulInPlace(double value) {
        return mulInPlace(scalar(value, dtype()));
    }

    /**
     * this += alpha * other (BLAS axpy), the update at the heart of every optimizer; returns this.
     * Same values as {@code addInPlace(other.mul(alpha))}, without allocating the product.
     */
    public Tensor addScaledInPlace(double alpha, Tensor other) {
        Elementwise.addScaledInto(alpha, other, this);
        storage.bumpVersion();
        return this;
    }

    /**
     * Sets every element to value; returns this.
     *
     * @throws IllegalArgumentException if this is a broadcast (expanded) view
     */
    public Tensor fill(double value) {
        Tensor filler = scalar(value, dtype());
        Elementwise.checkNoPartialOverlap("fill", filler, this);
        Elementwise.copyInto(filler, this);
        storage.bumpVersion();
        return this;
    }

    /**
     * Copies source's values (broadcast, converted) into this tensor; returns this.
     *
     * @throws IllegalArgumentException if source does not broadcast to this shape, if this is a
     *     broadcast (expanded) view, or if source shares memory with this without being this very view
     */
    public Tensor copyFrom(Tensor source) {
        if (!Broadcast.canExpand(source.shape, shape)) {
            throw new IllegalArgumentException("copyFrom: cannot broadcast the source's shape " + Shape.format(source.shape)
                    + " to the shape " + Shape.format(shape) + " of the tensor written into");
        }
        Elementwise.checkNoPartialOverlap("copyFrom", source, this);
        Elementwise.copyInto(source, this);
        storage.bumpVersion();
        return this;
    }

    // ---------------------------------------------------------------- reductions

    /** Sum over the given dims (all dims if none are given), dropping them. */
    public Tensor sum(int... dims) {
        return Reductions.sum(this, dims, false);
    }

    /** Sum over dims; keepDim keeps them with size 1. */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    /** Mean over the given dims (all dims if none are given). */
    public Tensor mean(int... dims) {
        return Reductions.mean(this, dims, false);
    }

    /** Mean over dims; keepDim keeps them with size 1. */
    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }

    /** Sample variance (divides by N-1) over dims (all if none are given). */
    public Tensor variance(int... dims) {
        return Reductions.variance(this, dims, false);
    }

    /** Sample variance over dims; keepDim keeps them with size 1. */
    public Tensor variance(int[] dims, boolean keepDim) {
        return Reductions.variance(this, dims, keepDim);
    }

    /** Maximum over the given dims (all if none are given). */
    public Tensor max(int... dims) {
        return Reductions.extreme("max", this, dims, false, 1);
    }

    /** Maximum over dims; keepDim keeps them with size 1. */
    public Tensor max(int[] dims, boolean keepDim) {
        return Reductions.extreme("max", this, dims, keepDim, 1);
    }

    /** Minimum over the given dims (all if none are given). */
    public Tensor min(int... dims) {
        return Reductions.extreme("min", this, dims, false, -1);
    }

    /** Minimum over dims; keepDim keeps them with size 1. */
    public Tensor min(int[] dims, boolean keepDim) {
        return Reductions.extreme("min", this, dims, keepDim, -1);
    }

    /** Index of the maximum along dim (first on ties), as a FLOAT64 tensor of whole numbers. */
    public Tensor argmax(int dim, boolean keepDim) {
        return Reductions.argExtreme("argmax", this, dim, keepDim, 1);
    }

    /** Index of the minimum along dim (first on ties), as a FLOAT64 tensor of whole numbers. */
    public Tensor argmin(int dim, boolean keepDim) {
        return Reductions.argExtreme("argmin", this, dim, keepDim, -1);
    }

    /** log(sum(exp(this))) along dim, computed without overflow. */
    public Tensor logSumExp(int dim, boolean keepDim) {
        return Reductions.logSumExp(this, dim, keepDim);
    }

    /** exp(x) / sum(exp(x)) along dim, computed without overflow. */
    public Tensor softmax(int dim) {
        return Reductions.softmax(this, dim, false);
    }

    /** x - logSumExp(x) along dim. */
    public Tensor logSoftmax(int dim) {
        return Reductions.softmax(this, dim, true);
    }

    // ---------------------------------------------------------------- products

    /** Matrix product with PyTorch's matmul rules (1-D, 2-D, batched with broadcast batch dims). */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other, ParallelFor.defaultThreads());
    }

    /** Matrix product computed with an explicit number of threads (the result is the same for any count). */
    public Tensor matmul(Tensor other, int threads) {
        return MatMul.matmul(this, other, threads);
    }

    /** Dot product of two 1-D tensors of equal length, as a 0-dim tensor. */
    public Tensor dot(Tensor other) {
        if (rank() != 1 || other.rank() != 1) {
            throw new IllegalArgumentException("dot: expects two 1-D tensors, got " + Shape.format(shape) + " and "
                    + Shape.format(other.shape));
        }
        return matmul(other);
    }

    /** Outer product of two 1-D tensors: [n] x [m] -> [n, m]. */
    public Tensor outer(Tensor other) {
        if (rank() != 1 || other.rank() != 1) {
            throw new IllegalArgumentException("outer: expects two 1-D tensors, got " + Shape.format(shape) + " and "
                    + Shape.format(other.shape));
        }
        return unsqueeze(1).mul(other.unsqueeze(0));
    }

    // ---------------------------------------------------------------- joining and indexing

    /** Concatenates along an existing dim. */
    public static Tensor cat(int dim, Tensor... tensors) {
        return Indexing.cat(dim, tensors);
    }

    /** Stacks equal-shaped tensors along a new dim. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return Indexing.stack(dim, tensors);
    }

    /** Picks slices along dim by index (an embedding lookup when dim = 0). */
    public Tensor indexSelect(int dim, int... indices) {
        return Indexing.indexSelect(this, dim, indices);
    }

    /** A copy of this tensor with {@code source}'s slices added at {@code indices} along dim (repeats accumulate). */
    public Tensor indexAdd(int dim, int[] indices, Tensor source) {
        return Indexing.indexAdd(this, dim, indices, source);
    }

    /** PyTorch's gather: out[i][j] = this[i][index[i][j]] for dim = 1; out has index's shape. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy of this tensor with source's elements added where gather would have read them. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor source) {
        return Indexing.scatterAdd(this, dim, index, source);
    }

    // ---------------------------------------------------------------- comparison and printing

    /**
     * Same shape, and every pair of elements within atol + rtol * |other|, as NumPy's allclose:
     * equal infinities are close, an infinity is close to nothing else, and NaNs are never close.
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            // rtol * |inf| would let any value pass, so infinities must match exactly.
            boolean close = Double.isInfinite(a[i]) || Double.isInfinite(b[i])
                    ? a[i] == b[i]
                    : Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]);
            if (!close) {
                return false;
            }
        }
        return true;
    }

    /** Prints like PyTorch, e.g. {@code tensor([[1.0000, 2.0000]], shape=[1, 2], dtype=float32)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
