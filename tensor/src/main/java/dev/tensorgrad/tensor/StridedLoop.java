package dev.tensorgrad.tensor;

/**
 * The one generic loop behind every elementwise op and reduction: it visits all indices of a shape,
 * tracking the flat position of each operand through its own strides. The innermost dim is handed
 * over whole as a "row", so a kernel can process it with SIMD when its strides allow.
 *
 * <p>Before looping, dims that are laid out back to back in every operand are merged: a contiguous
 * [64, 128] tensor becomes one row of 8192 elements. Size-1 dims are dropped.
 */
final class StridedLoop {
    /** Receives one run of the innermost dim: each operand's starting position and its stride along the run. */
    interface Row {
        void run(int[] positions, int[] rowStrides, int length);
    }

    private StridedLoop() {
    }

    /**
     * Calls {@code row} for every innermost run of {@code shape}. Operand k starts at
     * {@code offsets[k]} and moves {@code strides[k][d]} elements per step along dim d.
     */
    static void run(int[] shape, int[] offsets, int[][] strides, Row row) {
        int operands = offsets.length;
        if (Shape.numel(shape) == 0) {
            return;
        }
        int[] mergedShape = new int[shape.length];
        int[][] mergedStrides = new int[operands][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && followsPrevious(strides, d, mergedStrides, rank - 1, shape[d])) {
                mergedShape[rank - 1] *= shape[d];
                for (int k = 0; k < operands; k++) {
                    mergedStrides[k][rank - 1] = strides[k][d];
                }
                continue;
            }
            mergedShape[rank] = shape[d];
            for (int k = 0; k < operands; k++) {
                mergedStrides[k][rank] = strides[k][d];
            }
            rank++;
        }
        int[] positions = offsets.clone();
        if (rank == 0) {
            row.run(positions, new int[operands], 1);
            return;
        }
        int inner = rank - 1;
        int[] rowStrides = new int[operands];
        for (int k = 0; k < operands; k++) {
            rowStrides[k] = mergedStrides[k][inner];
        }
        int length = mergedShape[inner];
        int[] index = new int[inner];
        int rows = 1;
        for (int d = 0; d < inner; d++) {
            rows *= mergedShape[d];
        }
        for (int r = 0; r < rows; r++) {
            row.run(positions, rowStrides, length);
            // Odometer step over the outer dims: bump the last one, carry into earlier ones.
            for (int d = inner - 1; d >= 0; d--) {
                index[d]++;
                for (int k = 0; k < operands; k++) {
                    positions[k] += mergedStrides[k][d];
                }
                if (index[d] < mergedShape[d]) {
                    break;
                }
                for (int k = 0; k < operands; k++) {
                    positions[k] -= mergedStrides[k][d] * mergedShape[d];
                }
                index[d] = 0;
            }
        }
    }

    /** Dim d can merge into merged dim m when, for every operand, one step along m equals a full run of d. */
    private static boolean followsPrevious(int[][] strides, int d, int[][] mergedStrides, int m, int size) {
        for (int k = 0; k < strides.length; k++) {
            if (mergedStrides[k][m] != strides[k][d] * size) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a layout is dense: its elements fill numel consecutive positions from the offset, in
     * some dim order. Contiguous tensors and their transposes and permutations are dense; slices
     * with a step and expanded (stride 0) tensors are not. Taken from the smallest stride up, each
     * dim's stride must be the product of the sizes of the dims inside it (size-1 dims do not count).
     */
    static boolean isDense(int[] shape, int[] strides) {
        int dims = 0;
        for (int size : shape) {
            if (size == 0) {
                return true; // no elements, nothing to place
            }
            dims += size > 1 ? 1 : 0;
        }
        long expected = 1;
        for (int found = 0; found < dims; found++) {
            int next = -1;
            for (int d = 0; d < shape.length && next < 0; d++) {
                if (shape[d] > 1 && strides[d] == expected) {
                    next = d;
                }
            }
            if (next < 0) {
                return false;
            }
            // expected only grows, so a dim already used can never match again
            expected *= shape[next];
        }
        return true;
    }
}
