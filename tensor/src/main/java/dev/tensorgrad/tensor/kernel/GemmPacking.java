package dev.tensorgrad.tensor.kernel;

/**
 * Packing for {@link Gemm}: copies a block of A or B, read through arbitrary strides, into a
 * contiguous scratch array laid out in exactly the order the micro-kernel consumes it.
 *
 * <p>A block of A ({@code rows × kc}) becomes a sequence of {@code mr}-tall slivers; inside a
 * sliver, element (i, p) sits at {@code p*mr + i}, so one step of the micro-kernel reads {@code mr}
 * consecutive values of one column. A block of B ({@code kc × cols}) becomes {@code nr}-wide
 * slivers with element (p, j) at {@code p*nr + j}, so one step reads {@code nr} consecutive values
 * of one row. The last sliver is padded with zeros: the micro-kernel then always runs full tiles,
 * and the padding only ever multiplies into lanes that are never stored.
 *
 * <p>Because packing is the only place A and B are read, transposed or broadcast (stride 0) views
 * cost nothing extra: the strides are paid for once here, in O(m·k + k·n) work, not in the
 * O(m·n·k) inner loop.
 */
final class GemmPacking {

    private GemmPacking() {
    }

    /** Packs {@code a[i, p]} for i in [0, rows), p in [0, kc) into {@code mr}-tall slivers of {@code dst}. */
    static void packA(int rows, int kc, int mr, float[] a, int off, int rowStride, int colStride, float[] dst) {
        for (int i0 = 0, s = 0; i0 < rows; i0 += mr, s += kc * mr) {
            int h = Math.min(mr, rows - i0);
            for (int i = 0; i < h; i++) {
                int src = off + (i0 + i) * rowStride;
                for (int p = 0, d = s + i; p < kc; p++, d += mr) {
                    dst[d] = a[src + p * colStride];
                }
            }
            for (int i = h; i < mr; i++) {
                for (int p = 0, d = s + i; p < kc; p++, d += mr) {
                    dst[d] = 0f;
                }
            }
        }
    }

    /** Packs {@code b[p, j]} for p in [0, kc), j in [0, cols) into {@code nr}-wide slivers of {@code dst}. */
    static void packB(int kc, int cols, int nr, float[] b, int off, int rowStride, int colStride, float[] dst) {
        for (int j0 = 0, s = 0; j0 < cols; j0 += nr, s += kc * nr) {
            int w = Math.min(nr, cols - j0);
            for (int p = 0, d = s; p < kc; p++, d += nr) {
                int src = off + p * rowStride + j0 * colStride;
                if (colStride == 1) {
                    System.arraycopy(b, src, dst, d, w);
                } else {
                    for (int j = 0; j < w; j++) {
                        dst[d + j] = b[src + j * colStride];
                    }
                }
                for (int j = w; j < nr; j++) {
                    dst[d + j] = 0f;
                }
            }
        }
    }

    /** Double-precision twin of {@link #packA(int, int, int, float[], int, int, int, float[])}. */
    static void packA(int rows, int kc, int mr, double[] a, int off, int rowStride, int colStride, double[] dst) {
        for (int i0 = 0, s = 0; i0 < rows; i0 += mr, s += kc * mr) {
            int h = Math.min(mr, rows - i0);
            for (int i = 0; i < h; i++) {
                int src = off + (i0 + i) * rowStride;
                for (int p = 0, d = s + i; p < kc; p++, d += mr) {
                    dst[d] = a[src + p * colStride];
                }
            }
            for (int i = h; i < mr; i++) {
                for (int p = 0, d = s + i; p < kc; p++, d += mr) {
                    dst[d] = 0d;
                }
            }
        }
    }

    /** Double-precision twin of {@link #packB(int, int, int, float[], int, int, int, float[])}. */
    static void packB(int kc, int cols, int nr, double[] b, int off, int rowStride, int colStride, double[] dst) {
        for (int j0 = 0, s = 0; j0 < cols; j0 += nr, s += kc * nr) {
            int w = Math.min(nr, cols - j0);
            for (int p = 0, d = s; p < kc; p++, d += nr) {
                int src = off + p * rowStride + j0 * colStride;
                if (colStride == 1) {
                    System.arraycopy(b, src, dst, d, w);
                } else {
                    for (int j = 0; j < w; j++) {
                        dst[d + j] = b[src + j * colStride];
                    }
                }
                for (int j = w; j < nr; j++) {
                    dst[d + j] = 0d;
                }
            }
        }
    }
}
