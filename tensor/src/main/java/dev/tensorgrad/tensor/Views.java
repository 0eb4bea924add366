package dev.tensorgrad.tensor;

/**
 * Stride arithmetic for views. The interesting part is {@link #stridesForView}: when can a new
 * shape be read from the same memory? Only when each group of old dims that merges into (or splits
 * from) new dims is itself laid out contiguously. This is the algorithm of PyTorch's
 * {@code computeStride}.
 */
final class Views {
    private Views() {
    }

    /** Strides that read {@code oldShape}/{@code oldStrides} memory as {@code newShape}, or null if impossible. */
    static int[] stridesForView(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        if (Shape.numel(oldShape) == 0 || oldShape.length == 0) {
            return Shape.contiguousStrides(newShape);
        }
        int viewDim = newShape.length - 1;
        // Walk the old dims from the back, collecting chunks that are contiguous among themselves.
        int chunkBaseStride = oldStrides[oldStrides.length - 1];
        int tensorElements = 1;
        int viewElements = 1;
        for (int d = oldShape.length - 1; d >= 0; d--) {
            tensorElements *= oldShape[d];
            boolean chunkEnds = d == 0 || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorElements * chunkBaseStride);
            if (chunkEnds) {
                while (viewDim >= 0 && (viewElements < tensorElements || newShape[viewDim] == 1)) {
                    newStrides[viewDim] = viewElements * chunkBaseStride;
                    viewElements *= newShape[viewDim];
                    viewDim--;
                }
                if (viewElements != tensorElements) {
                    return null;
                }
                if (d > 0) {
                    chunkBaseStride = oldStrides[d - 1];
                    tensorElements = 1;
                    viewElements = 1;
                }
            }
        }
        return viewDim == -1 ? newStrides : null;
    }

    static int[] remove(int[] values, int index) {
        int[] out = new int[values.length - 1];
        System.arraycopy(values, 0, out, 0, index);
        System.arraycopy(values, index + 1, out, index, values.length - index - 1);
        return out;
    }

    static int[] insert(int[] values, int index, int value) {
        int[] out = new int[values.length + 1];
        System.arraycopy(values, 0, out, 0, index);
        out[index] = value;
        System.arraycopy(values, index, out, index + 1, values.length - index);
        return out;
    }
}
