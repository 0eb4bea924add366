package dev.tensorgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small-product path of {@link Gemm}: the same 8-row × 2-vector register tile as the packed
 * micro-kernel, but reading A and B where they lie instead of from packed copies. For an RNN step
 * (32×64 times 64×64) packing costs as much as the multiply, so skipping it is the speed-up.
 *
 * <p>B is read as {@code NR}-wide column blocks: block {@code j0 / NR} starts at
 * {@code bOff + (j0 / NR) * bBlockStride} and its rows are {@code bRs} apart, with columns
 * contiguous. A row-major B is the case {@code bBlockStride = NR}; a {@link Gemm.PackedB} is the
 * case {@code bBlockStride = k * NR, bRs = NR}. Full blocks run unmasked (masked loads near an
 * array's end take a different branch inside the Vector API, and a branch the JIT has not seen
 * costs a recompilation); the last, narrower block uses masked vectors, leftover rows a one-row kernel. Each element of C gets {@code c = fma(a_ip, b_pj, c)} for p = 0..k-1
 * in order, exactly as in the packed path, so both paths produce the same bits.
 */
final class GemmDirect {

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    private static final int MR = 8;

    private GemmDirect() {
    }

    /** C += A·B over column blocks of B; C is m×n with contiguous columns and rows cRs apart. */
    static void sgemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                      float[] b, int bOff, int bRs, int bBlockStride, float[] c, int cOff, int cRs) {
        int nr = 2 * FL;
        for (int j0 = 0, block = 0; j0 < n; j0 += nr, block++) {
            int bi = bOff + block * bBlockStride;
            int i = 0;
            if (j0 + nr <= n) {
                for (; i + MR <= m; i += MR) {
                    rows8(k, a, aOff + i * aRs, aRs, aCs, b, bi, bRs, c, cOff + i * cRs + j0, cRs);
                }
            } else {
                // The last, narrower block: one or two masked vectors (H = 16 floats is one full vector).
                for (int j = j0, half = 0; j < n; j += FL, half += FL) {
                    VectorMask<Float> mask = FS.indexInRange(j, n);
                    for (i = 0; i + MR <= m; i += MR) {
                        rows8(k, a, aOff + i * aRs, aRs, aCs, b, bi + half, bRs, c, cOff + i * cRs + j, cRs, mask);
                    }
                }
            }
            for (; i < m; i++) {
                for (int j = j0, half = 0; j < Math.min(n, j0 + nr); j += FL, half += FL) {
                    row1(k, a, aOff + i * aRs, aCs, b, bi + half, bRs, c, cOff + i * cRs + j, FS.indexInRange(j, n));
                }
            }
        }
    }

    /** Eight rows of C by two full vectors: c[r, :] += sum_p a[r, p] b[p, :]. */
    private static void rows8(int k, float[] a, int ai, int aRs, int aCs, float[] b, int bi, int bRs,
                              float[] c, int ci, int cRs) {
        FloatVector c00 = FloatVector.fromArray(FS, c, ci), c01 = FloatVector.fromArray(FS, c, ci + FL);
        FloatVector c10 = FloatVector.fromArray(FS, c, ci + cRs), c11 = FloatVector.fromArray(FS, c, ci + cRs + FL);
        FloatVector c20 = FloatVector.fromArray(FS, c, ci + 2 * cRs), c21 = FloatVector.fromArray(FS, c, ci + 2 * cRs + FL);
        FloatVector c30 = FloatVector.fromArray(FS, c, ci + 3 * cRs), c31 = FloatVector.fromArray(FS, c, ci + 3 * cRs + FL);
        FloatVector c40 = FloatVector.fromArray(FS, c, ci + 4 * cRs), c41 = FloatVector.fromArray(FS, c, ci + 4 * cRs + FL);
        FloatVector c50 = FloatVector.fromArray(FS, c, ci + 5 * cRs), c51 = FloatVector.fromArray(FS, c, ci + 5 * cRs + FL);
        FloatVector c60 = FloatVector.fromArray(FS, c, ci + 6 * cRs), c61 = FloatVector.fromArray(FS, c, ci + 6 * cRs + FL);
        FloatVector c70 = FloatVector.fromArray(FS, c, ci + 7 * cRs), c71 = FloatVector.fromArray(FS, c, ci + 7 * cRs + FL);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bi);
            FloatVector b1 = FloatVector.fromArray(FS, b, bi + FL);
            FloatVector a0 = FloatVector.broadcast(FS, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(FS, a[ai + aRs]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(FS, a[ai + 2 * aRs]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(FS, a[ai + 3 * aRs]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(FS, a[ai + 4 * aRs]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(FS, a[ai + 5 * aRs]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(FS, a[ai + 6 * aRs]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(FS, a[ai + 7 * aRs]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + FL);
        c10.intoArray(c, ci + cRs);
        c11.intoArray(c, ci + cRs + FL);
        c20.intoArray(c, ci + 2 * cRs);
        c21.intoArray(c, ci + 2 * cRs + FL);
        c30.intoArray(c, ci + 3 * cRs);
        c31.intoArray(c, ci + 3 * cRs + FL);
        c40.intoArray(c, ci + 4 * cRs);
        c41.intoArray(c, ci + 4 * cRs + FL);
        c50.intoArray(c, ci + 5 * cRs);
        c51.intoArray(c, ci + 5 * cRs + FL);
        c60.intoArray(c, ci + 6 * cRs);
        c61.intoArray(c, ci + 6 * cRs + FL);
        c70.intoArray(c, ci + 7 * cRs);
        c71.intoArray(c, ci + 7 * cRs + FL);
    }

    /** Eight rows of C by one masked vector, for a column block narrower than two vectors. */
    private static void rows8(int k, float[] a, int ai, int aRs, int aCs, float[] b, int bi, int bRs,
                              float[] c, int ci, int cRs, VectorMask<Float> mask) {
        FloatVector c0 = FloatVector.fromArray(FS, c, ci, mask), c1 = FloatVector.fromArray(FS, c, ci + cRs, mask);
        FloatVector c2 = FloatVector.fromArray(FS, c, ci + 2 * cRs, mask), c3 = FloatVector.fromArray(FS, c, ci + 3 * cRs, mask);
        FloatVector c4 = FloatVector.fromArray(FS, c, ci + 4 * cRs, mask), c5 = FloatVector.fromArray(FS, c, ci + 5 * cRs, mask);
        FloatVector c6 = FloatVector.fromArray(FS, c, ci + 6 * cRs, mask), c7 = FloatVector.fromArray(FS, c, ci + 7 * cRs, mask);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            FloatVector bp = FloatVector.fromArray(FS, b, bi, mask);
            c0 = bp.fma(FloatVector.broadcast(FS, a[ai]), c0);
            c1 = bp.fma(FloatVector.broadcast(FS, a[ai + 1 * aRs]), c1);
            c2 = bp.fma(FloatVector.broadcast(FS, a[ai + 2 * aRs]), c2);
            c3 = bp.fma(FloatVector.broadcast(FS, a[ai + 3 * aRs]), c3);
            c4 = bp.fma(FloatVector.broadcast(FS, a[ai + 4 * aRs]), c4);
            c5 = bp.fma(FloatVector.broadcast(FS, a[ai + 5 * aRs]), c5);
            c6 = bp.fma(FloatVector.broadcast(FS, a[ai + 6 * aRs]), c6);
            c7 = bp.fma(FloatVector.broadcast(FS, a[ai + 7 * aRs]), c7);
        }
        c0.intoArray(c, ci, mask);
        c1.intoArray(c, ci + cRs, mask);
        c2.intoArray(c, ci + 2 * cRs, mask);
        c3.intoArray(c, ci + 3 * cRs, mask);
        c4.intoArray(c, ci + 4 * cRs, mask);
        c5.intoArray(c, ci + 5 * cRs, mask);
        c6.intoArray(c, ci + 6 * cRs, mask);
        c7.intoArray(c, ci + 7 * cRs, mask);
    }

    /** One row of C by one masked vector, for the rows left over below a multiple of eight. */
    private static void row1(int k, float[] a, int ai, int aCs, float[] b, int bi, int bRs,
                             float[] c, int ci, VectorMask<Float> mask) {
        FloatVector acc = FloatVector.fromArray(FS, c, ci, mask);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            acc = FloatVector.fromArray(FS, b, bi, mask).fma(FloatVector.broadcast(FS, a[ai]), acc);
        }
        acc.intoArray(c, ci, mask);
    }

    /** Double-precision twin of {@link #sgemm}. */
    static void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs,
                      double[] b, int bOff, int bRs, int bBlockStride, double[] c, int cOff, int cRs) {
        int nr = 2 * DL;
        for (int j0 = 0, block = 0; j0 < n; j0 += nr, block++) {
            int bi = bOff + block * bBlockStride;
            int i = 0;
            if (j0 + nr <= n) {
                for (; i + MR <= m; i += MR) {
                    rows8(k, a, aOff + i * aRs, aRs, aCs, b, bi, bRs, c, cOff + i * cRs + j0, cRs);
                }
            } else {
                // The last, narrower block: one or two masked vectors (H = 16 floats is one full vector).
                for (int j = j0, half = 0; j < n; j += DL, half += DL) {
                    VectorMask<Double> mask = DS.indexInRange(j, n);
                    for (i = 0; i + MR <= m; i += MR) {
                        rows8(k, a, aOff + i * aRs, aRs, aCs, b, bi + half, bRs, c, cOff + i * cRs + j, cRs, mask);
                    }
                }
            }
            for (; i < m; i++) {
                for (int j = j0, half = 0; j < Math.min(n, j0 + nr); j += DL, half += DL) {
                    row1(k, a, aOff + i * aRs, aCs, b, bi + half, bRs, c, cOff + i * cRs + j, DS.indexInRange(j, n));
                }
            }
        }
    }

    /** Double-precision twin of {@link #rows8(int, float[], int, int, int, float[], int, int, float[], int, int)}. */
    private static void rows8(int k, double[] a, int ai, int aRs, int aCs, double[] b, int bi, int bRs,
                              double[] c, int ci, int cRs) {
        DoubleVector c00 = DoubleVector.fromArray(DS, c, ci), c01 = DoubleVector.fromArray(DS, c, ci + DL);
        DoubleVector c10 = DoubleVector.fromArray(DS, c, ci + cRs), c11 = DoubleVector.fromArray(DS, c, ci + cRs + DL);
        DoubleVector c20 = DoubleVector.fromArray(DS, c, ci + 2 * cRs), c21 = DoubleVector.fromArray(DS, c, ci + 2 * cRs + DL);
        DoubleVector c30 = DoubleVector.fromArray(DS, c, ci + 3 * cRs), c31 = DoubleVector.fromArray(DS, c, ci + 3 * cRs + DL);
        DoubleVector c40 = DoubleVector.fromArray(DS, c, ci + 4 * cRs), c41 = DoubleVector.fromArray(DS, c, ci + 4 * cRs + DL);
        DoubleVector c50 = DoubleVector.fromArray(DS, c, ci + 5 * cRs), c51 = DoubleVector.fromArray(DS, c, ci + 5 * cRs + DL);
        DoubleVector c60 = DoubleVector.fromArray(DS, c, ci + 6 * cRs), c61 = DoubleVector.fromArray(DS, c, ci + 6 * cRs + DL);
        DoubleVector c70 = DoubleVector.fromArray(DS, c, ci + 7 * cRs), c71 = DoubleVector.fromArray(DS, c, ci + 7 * cRs + DL);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, b, bi + DL);
            DoubleVector a0 = DoubleVector.broadcast(DS, a[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            DoubleVector a1 = DoubleVector.broadcast(DS, a[ai + aRs]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            DoubleVector a2 = DoubleVector.broadcast(DS, a[ai + 2 * aRs]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            DoubleVector a3 = DoubleVector.broadcast(DS, a[ai + 3 * aRs]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            DoubleVector a4 = DoubleVector.broadcast(DS, a[ai + 4 * aRs]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            DoubleVector a5 = DoubleVector.broadcast(DS, a[ai + 5 * aRs]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            DoubleVector a6 = DoubleVector.broadcast(DS, a[ai + 6 * aRs]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            DoubleVector a7 = DoubleVector.broadcast(DS, a[ai + 7 * aRs]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + DL);
        c10.intoArray(c, ci + cRs);
        c11.intoArray(c, ci + cRs + DL);
        c20.intoArray(c, ci + 2 * cRs);
        c21.intoArray(c, ci + 2 * cRs + DL);
        c30.intoArray(c, ci + 3 * cRs);
        c31.intoArray(c, ci + 3 * cRs + DL);
        c40.intoArray(c, ci + 4 * cRs);
        c41.intoArray(c, ci + 4 * cRs + DL);
        c50.intoArray(c, ci + 5 * cRs);
        c51.intoArray(c, ci + 5 * cRs + DL);
        c60.intoArray(c, ci + 6 * cRs);
        c61.intoArray(c, ci + 6 * cRs + DL);
        c70.intoArray(c, ci + 7 * cRs);
        c71.intoArray(c, ci + 7 * cRs + DL);
    }

    /** Eight rows of C by one masked vector, for a column block narrower than two vectors. */
    private static void rows8(int k, double[] a, int ai, int aRs, int aCs, double[] b, int bi, int bRs,
                              double[] c, int ci, int cRs, VectorMask<Double> mask) {
        DoubleVector c0 = DoubleVector.fromArray(DS, c, ci, mask), c1 = DoubleVector.fromArray(DS, c, ci + cRs, mask);
        DoubleVector c2 = DoubleVector.fromArray(DS, c, ci + 2 * cRs, mask), c3 = DoubleVector.fromArray(DS, c, ci + 3 * cRs, mask);
        DoubleVector c4 = DoubleVector.fromArray(DS, c, ci + 4 * cRs, mask), c5 = DoubleVector.fromArray(DS, c, ci + 5 * cRs, mask);
        DoubleVector c6 = DoubleVector.fromArray(DS, c, ci + 6 * cRs, mask), c7 = DoubleVector.fromArray(DS, c, ci + 7 * cRs, mask);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            DoubleVector bp = DoubleVector.fromArray(DS, b, bi, mask);
            c0 = bp.fma(DoubleVector.broadcast(DS, a[ai]), c0);
            c1 = bp.fma(DoubleVector.broadcast(DS, a[ai + 1 * aRs]), c1);
            c2 = bp.fma(DoubleVector.broadcast(DS, a[ai + 2 * aRs]), c2);
            c3 = bp.fma(DoubleVector.broadcast(DS, a[ai + 3 * aRs]), c3);
            c4 = bp.fma(DoubleVector.broadcast(DS, a[ai + 4 * aRs]), c4);
            c5 = bp.fma(DoubleVector.broadcast(DS, a[ai + 5 * aRs]), c5);
            c6 = bp.fma(DoubleVector.broadcast(DS, a[ai + 6 * aRs]), c6);
            c7 = bp.fma(DoubleVector.broadcast(DS, a[ai + 7 * aRs]), c7);
        }
        c0.intoArray(c, ci, mask);
        c1.intoArray(c, ci + cRs, mask);
        c2.intoArray(c, ci + 2 * cRs, mask);
        c3.intoArray(c, ci + 3 * cRs, mask);
        c4.intoArray(c, ci + 4 * cRs, mask);
        c5.intoArray(c, ci + 5 * cRs, mask);
        c6.intoArray(c, ci + 6 * cRs, mask);
        c7.intoArray(c, ci + 7 * cRs, mask);
    }

    /** Double-precision twin of {@link #row1(int, float[], int, int, float[], int, int, float[], int, VectorMask)}. */
    private static void row1(int k, double[] a, int ai, int aCs, double[] b, int bi, int bRs,
                             double[] c, int ci, VectorMask<Double> mask) {
        DoubleVector acc = DoubleVector.fromArray(DS, c, ci, mask);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            acc = DoubleVector.fromArray(DS, b, bi, mask).fma(DoubleVector.broadcast(DS, a[ai]), acc);
        }
        acc.intoArray(c, ci, mask);
    }
}
