package dev.tensorgrad.tensor;

/**
 * Ops that move whole slices or pick elements by integer index: concatenation, stacking,
 * index-select (an embedding lookup) and gather (picking each row's target class), together with
 * the scatter-adds that are their gradients.
 */
final class Indexing {
    private Indexing() {
    }

    static Tensor cat(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        Tensor first = tensors[0];
        int d = Shape.wrapDim("cat", dim, first.rank());
        int total = 0;
        for (Tensor t : tensors) {
            Elementwise.checkSameDType("cat", first, t);
            boolean compatible = t.rank() == first.rank();
            for (int i = 0; compatible && i < t.rank(); i++) {
                compatible = i == d || t.shape[i] == first.shape[i];
            }
            if (!compatible) {
                throw new IllegalArgumentException("cat: shapes " + Shape.format(first.shape) + " and "
                        + Shape.format(t.shape) + " differ outside dim " + dim);
            }
            total += t.shape[d];
        }
        int[] shape = first.shape.clone();
        shape[d] = total;
        Tensor out = Tensor.empty(first.dtype(), shape);
        int start = 0;
        for (Tensor t : tensors) {
            Elementwise.copyInto(t, out.narrow(d, start, t.shape[d]));
            start += t.shape[d];
        }
        return out;
    }

    static Tensor stack(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int d = Shape.wrapNewDim("stack", dim, tensors[0].rank(), "tensors");
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!java.util.Arrays.equals(tensors[i].shape, tensors[0].shape)) {
                throw new IllegalArgumentException("stack: shapes " + Shape.format(tensors[0].shape) + " and "
                        + Shape.format(tensors[i].shape) + " differ");
            }
            Elementwise.checkSameDType("stack", tensors[0], tensors[i]);
            expanded[i] = tensors[i].unsqueeze(d);
        }
        return cat(d, expanded);
    }

    /**
     * An element index along a dim of the given size, a negative one counting from the end as in
     * Python (-1 is the last); out of range, the error names the index the caller gave.
     */
    static int wrapIndex(String op, int index, int size, int dim) {
        if (index < -size || index >= size) {
            checkIndex(op, index, size, dim);
        }
        return index < 0 ? index + size : index;
    }

    static void checkIndex(String op, int index, int size, int dim) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(op + ": index " + index + " is out of range for dim " + dim
                    + " of size " + size);
        }
    }

    /** out.select(dim, j) = x.select(dim, indices[j]). */
    static Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int d = Shape.wrapDim("indexSelect", dim, x.rank());
        int[] shape = x.shape.clone();
        shape[d] = indices.length;
        Tensor out = Tensor.empty(x.dtype(), shape);
        for (int j = 0; j < indices.length; j++) {
            checkIndex("indexSelect", indices[j], x.shape[d], d);
            Elementwise.copyInto(x.select(d, indices[j]), out.select(d, j));
        }
        return out;
    }

    /** A copy of x with source.select(dim, j) added into slice indices[j]; repeated indices accumulate. */
    static Tensor indexAdd(Tensor x, int dim, int[] indices, Tensor source) {
        int d = Shape.wrapDim("indexAdd", dim, x.rank());
        Elementwise.checkSameDType("indexAdd", x, source);
        int[] expected = x.shape.clone();
        expected[d] = indices.length;
        if (!java.util.Arrays.equals(expected, source.shape)) {
            throw new IllegalArgumentException("indexAdd: source shape " + Shape.format(source.shape)
                    + " does not match " + Shape.format(expected) + " for " + indices.length + " indices into "
                    + Shape.format(x.shape));
        }
        Tensor out = x.copy();
        for (int j = 0; j < indices.length; j++) {
            checkIndex("indexAdd", indices[j], x.shape[d], d);
            out.select(d, indices[j]).addInPlace(source.select(d, j));
        }
        return out;
    }

    /** The (index, x) position pairs of a gather/scatter: x is read at index's position with dim replaced. */
    private interface Pairs {
        void visit(int indexPos, int xPos, int outPos);
    }

    private static void forEachGatherPair(String op, Tensor x, int d, Tensor index, Tensor other, Pairs pairs) {
        if (index.rank() != x.rank()) {
            throw new IllegalArgumentException(op + ": index " + Shape.format(index.shape) + " must have the rank of "
                    + Shape.format(x.shape));
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != d && index.shape[i] > x.shape[i]) {
                throw new IllegalArgumentException(op + ": index " + Shape.format(index.shape) + " is larger than "
                        + Shape.format(x.shape) + " in dim " + i);
            }
        }
        int[] xStrides = x.strides.clone();
        xStrides[d] = 0; // the position along dim comes from the index value
        int[][] strides = {index.strides, xStrides, other.strides};
        StridedLoop.run(index.shape, new int[] {index.offset, x.offset, other.offset}, strides, (pos, step, n) -> {
            for (int i = 0; i < n; i++) {
                pairs.visit(pos[0] + i * step[0], pos[1] + i * step[1], pos[2] + i * step[2]);
            }
        });
    }

    private static int indexValue(String op, Tensor index, int position, int size, int dim) {
        double value = index.storage.get(position);
        int i = (int) value;
        if (i != value) {
            throw new IllegalArgumentException(op + ": index value " + value + " is not an integer");
        }
        checkIndex(op, i, size, dim);
        return i;
    }

    /** out[..., j, ...] = x[..., index[..., j, ...], ...] along dim; out has index's shape. */
    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shape.wrapDim("gather", dim, x.rank());
        Tensor out = Tensor.empty(x.dtype(), index.shape);
        int dimStride = x.strides[d];
        forEachGatherPair("gather", x, d, index, out, (ip, xp, op) ->
                out.storage.set(op, x.storage.get(xp + dimStride * indexValue("gather", index, ip, x.shape[d], d))));
        return out;
    }

    /** A copy of x with each source element added at the position gather would have read it from. */
    static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor source) {
        int d = Shape.wrapDim("scatterAdd", dim, x.rank());
        Elementwise.checkSameDType("scatterAdd", x, source);
        if (!java.util.Arrays.equals(index.shape, source.shape)) {
            throw new IllegalArgumentException("scatterAdd: index " + Shape.format(index.shape) + " and source "
                    + Shape.format(source.shape) + " must have the same shape");
        }
        Tensor out = x.copy();
        int dimStride = out.strides[d];
        forEachGatherPair("scatterAdd", out, d, index, source, (ip, xp, sp) -> {
            int target = xp + dimStride * indexValue("scatterAdd", index, ip, out.shape[d], d);
            out.storage.set(target, out.storage.get(target) + source.storage.get(sp));
        });
        return out;
    }
}
