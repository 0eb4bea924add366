package dev.tensorgrad.tensor;

import dev.tensorgrad.tensor.kernel.Gemm;

/**
 * Matrix products with PyTorch's {@code matmul} rules: 1-D operands are treated as a row or column
 * vector and the extra dim removed afterwards; leading (batch) dims broadcast. Every product goes
 * through the GEMM kernel, which reads its operands through their strides: a transposed view is
 * never copied here.
 */
final class MatMul {
    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b, int threads) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least one dim, got "
                    + Shape.format(a.shape) + " and " + Shape.format(b.shape));
        }
        Elementwise.checkSameDType("matmul", a, b);
        if (threads < 1) {
            throw new IllegalArgumentException("matmul: threads must be >= 1, got " + threads);
        }
        if (a.rank() == 1 && b.rank() == 1) {
            checkInner(a, b, a.shape[0], b.shape[0]);
            return matmul(a.unsqueeze(0), b.unsqueeze(1), threads).view();
        }
        // Check before unsqueezing, so the message names the shapes the caller passed.
        if (a.rank() == 1) {
            checkInner(a, b, a.shape[0], b.shape[b.rank() - 2]);
            return matmul(a.unsqueeze(0), b, threads).squeeze(-2);
        }
        if (b.rank() == 1) {
            checkInner(a, b, a.shape[a.rank() - 1], b.shape[0]);
            return matmul(a, b.unsqueeze(1), threads).squeeze(-1);
        }
        int m = a.shape[a.rank() - 2];
        int k = a.shape[a.rank() - 1];
        int n = b.shape[b.rank() - 1];
        checkInner(a, b, k, b.shape[b.rank() - 2]);

        int[] aBatch = java.util.Arrays.copyOf(a.shape, a.rank() - 2);
        int[] bBatch = java.util.Arrays.copyOf(b.shape, b.rank() - 2);
        int[] batch;
        try {
            batch = Broadcast.shapes("matmul", aBatch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dims of " + Shape.format(a.shape) + " and "
                    + Shape.format(b.shape) + " cannot be broadcast together");
        }
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.empty(a.dtype(), outShape);

        int[][] batchStrides = {
            java.util.Arrays.copyOf(out.strides, batch.length),
            Broadcast.expandedStrides("matmul", aBatch, java.util.Arrays.copyOf(a.strides, aBatch.length), batch),
            Broadcast.expandedStrides("matmul", bBatch, java.util.Arrays.copyOf(b.strides, bBatch.length), batch),
        };
        int aRow = a.strides[a.rank() - 2];
        int aCol = a.strides[a.rank() - 1];
        int bRow = b.strides[b.rank() - 2];
        int bCol = b.strides[b.rank() - 1];
        int outRow = out.strides[batch.length];
        StridedLoop.run(batch, new int[] {0, a.offset, b.offset}, batchStrides, (pos, step, count) -> {
            for (int i = 0; i < count; i++) {
                int o = pos[0] + i * step[0];
                int ao = pos[1] + i * step[1];
                int bo = pos[2] + i * step[2];
                if (a.dtype() == DType.FLOAT32) {
                    Gemm.sgemm(m, n, k, a.storage.floats, ao, aRow, aCol, b.storage.floats, bo, bRow, bCol,
                            out.storage.floats, o, outRow, 1, 0f, threads);
                } else {
                    Gemm.dgemm(m, n, k, a.storage.doubles, ao, aRow, aCol, b.storage.doubles, bo, bRow, bCol,
                            out.storage.doubles, o, outRow, 1, 0.0, threads);
                }
            }
        });
        return out;
    }

    private static void checkInner(Tensor a, Tensor b, int ka, int kb) {
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Shape.format(a.shape) + " by "
                    + Shape.format(b.shape) + " (inner dims " + ka + " and " + kb + " differ)");
        }
    }
}
