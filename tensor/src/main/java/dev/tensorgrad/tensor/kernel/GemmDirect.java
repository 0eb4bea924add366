package dev.tensorgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small-product path of {@link Gemm}: the same 8-row × 2-vector register tile as the packed
 * micro-kernel, but reading A and B where they lie instead of from packed copies. For an RNN step
 * (32×64 times 64×64) packing costs as much as the multiply, so skipping it is the speed-up.
 *
 * <p>B is read as {@code NR}-wide column blocks: block {@code j0 / NR} starts at
 * {@code bOff + (j0 / NR) * bBlockStride} and its rows are {@code bRs} apart, with columns
 * contiguous. A row-major B is the case {@code bBlockStride = NR}; a {@link Gemm.PackedB} is the
 * case {@code bBlockStride = k * NR, bRs = NR}. The kernel always runs full 8-row by 2-vector
 * tiles with unmasked loads (masked ones make the method too large for the JIT's first tier, and
 * a method the first tier gives up on can be left unoptimised for seconds); a block exactly one
 * vector wide has its own one-vector kernel. Edge tiles of C and the last columns of an unpacked
 * B are run on zero-padded copies, except a single last column, which runs as a plain FMA chain
 * per row; the last rows of A (fewer than eight) run one row at a time. Each element of C gets
 * {@code c = fma(a_ip, b_pj, c)} for p = 0..k-1 in order, exactly as in the packed path, so both
 * paths produce the same bits.
 */
final class GemmDirect {

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    private static final int MR = 8;

    private GemmDirect() {
    }

    /**
     * C += A·B over column blocks of B; C is m×n with contiguous columns and rows cRs apart. With
     * {@code bPadded}, B's last block is zero-padded to full width (a packed B) and is read as is.
     */
    static void sgemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                      float[] b, int bOff, int bRs, int bBlockStride, boolean bPadded, float[] c, int cOff, int cRs) {
        int nr = 2 * FL;
        float[] cTile = null;
        for (int j0 = 0, block = 0; j0 < n; j0 += nr, block++) {
            int cols = Math.min(nr, n - j0);
            float[] bb = b;
            int bi = bOff + block * bBlockStride, bbRs = bRs;
            if (cols == 1 && !bPadded) {
                // A last block one column wide (a matrix-vector product): a plain FMA chain per row
                // gives the same bits as a vector lane would, without padding a copy of B.
                column1(m, k, a, aOff, aRs, aCs, b, bi, bRs, c, cOff + j0, cRs);
                continue;
            }
            if (cols < nr && cols != FL && !bPadded) {
                // The last block of an unpacked B, narrower than two vectors and not exactly one:
                // a zero-padded copy lets the kernel load full vectors.
                bb = new float[k * nr];
                GemmPacking.packB(k, cols, nr, b, bi, bRs, 1, bb);
                bi = 0;
                bbRs = nr;
            }
            for (int i = 0; i < m; i += MR) {
                int rows = Math.min(MR, m - i);
                int ci = cOff + i * cRs + j0;
                int ai = aOff + i * aRs;
                if (rows < MR) {
                    // The last rows of A run one at a time, read where they lie (no padded copy):
                    // each element of C still gets the same chain of FMAs as in the 8-row kernel.
                    for (int r = 0; r < rows; r++) {
                        int ar = ai + r * aRs, cr = ci + r * cRs;
                        if (cols == nr) {
                            row1(k, a, ar, aCs, bb, bi, bbRs, c, cr);
                        } else if (cols == FL) {
                            row1OneVector(k, a, ar, aCs, bb, bi, bbRs, c, cr);
                        } else {
                            cTile = cTile != null ? cTile : new float[MR * nr];
                            copyTile(1, cols, c, cr, cRs, cTile, 0, nr);
                            if (cols <= FL) {
                                row1OneVector(k, a, ar, aCs, bb, bi, bbRs, cTile, 0);
                            } else {
                                row1(k, a, ar, aCs, bb, bi, bbRs, cTile, 0);
                            }
                            copyTile(1, cols, cTile, 0, nr, c, cr, cRs);
                        }
                    }
                    continue;
                }
                if (cols == nr) {
                    rows8(k, a, ai, aRs, aCs, bb, bi, bbRs, c, ci, cRs);
                } else if (cols == FL) {
                    rows8OneVector(k, a, ai, aRs, aCs, bb, bi, bbRs, c, ci, cRs);
                } else {
                    // An edge tile runs the same kernel on a copy of itself: the same arithmetic as full tiles.
                    cTile = cTile != null ? cTile : new float[MR * nr];
                    copyTile(MR, cols, c, ci, cRs, cTile, 0, nr);
                    if (cols <= FL) {
                        rows8OneVector(k, a, ai, aRs, aCs, bb, bi, bbRs, cTile, 0, nr);
                    } else {
                        rows8(k, a, ai, aRs, aCs, bb, bi, bbRs, cTile, 0, nr);
                    }
                    copyTile(MR, cols, cTile, 0, nr, c, ci, cRs);
                }
            }
        }
    }

    /** Eight rows of C by two vectors: c[r, :] += sum_p a[r, p] b[p, :]. */
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

    /** Eight rows of C by one vector, for a block at most one vector wide (H = 16 floats, or one column). */
    private static void rows8OneVector(int k, float[] a, int ai, int aRs, int aCs, float[] b, int bi, int bRs,
                                       float[] c, int ci, int cRs) {
        FloatVector c0 = FloatVector.fromArray(FS, c, ci), c1 = FloatVector.fromArray(FS, c, ci + 1 * cRs);
        FloatVector c2 = FloatVector.fromArray(FS, c, ci + 2 * cRs), c3 = FloatVector.fromArray(FS, c, ci + 3 * cRs);
        FloatVector c4 = FloatVector.fromArray(FS, c, ci + 4 * cRs), c5 = FloatVector.fromArray(FS, c, ci + 5 * cRs);
        FloatVector c6 = FloatVector.fromArray(FS, c, ci + 6 * cRs), c7 = FloatVector.fromArray(FS, c, ci + 7 * cRs);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            FloatVector bp = FloatVector.fromArray(FS, b, bi);
            c0 = bp.fma(FloatVector.broadcast(FS, a[ai]), c0);
            c1 = bp.fma(FloatVector.broadcast(FS, a[ai + 1 * aRs]), c1);
            c2 = bp.fma(FloatVector.broadcast(FS, a[ai + 2 * aRs]), c2);
            c3 = bp.fma(FloatVector.broadcast(FS, a[ai + 3 * aRs]), c3);
            c4 = bp.fma(FloatVector.broadcast(FS, a[ai + 4 * aRs]), c4);
            c5 = bp.fma(FloatVector.broadcast(FS, a[ai + 5 * aRs]), c5);
            c6 = bp.fma(FloatVector.broadcast(FS, a[ai + 6 * aRs]), c6);
            c7 = bp.fma(FloatVector.broadcast(FS, a[ai + 7 * aRs]), c7);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + 1 * cRs);
        c2.intoArray(c, ci + 2 * cRs);
        c3.intoArray(c, ci + 3 * cRs);
        c4.intoArray(c, ci + 4 * cRs);
        c5.intoArray(c, ci + 5 * cRs);
        c6.intoArray(c, ci + 6 * cRs);
        c7.intoArray(c, ci + 7 * cRs);
    }

    /** One row of C by two vectors: c[0, :] += sum_p a[0, p] b[p, :], the rows8 chain for a single row. */
    private static void row1(int k, float[] a, int ai, int aCs, float[] b, int bi, int bRs, float[] c, int ci) {
        FloatVector c0 = FloatVector.fromArray(FS, c, ci), c1 = FloatVector.fromArray(FS, c, ci + FL);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            FloatVector ap = FloatVector.broadcast(FS, a[ai]);
            c0 = FloatVector.fromArray(FS, b, bi).fma(ap, c0);
            c1 = FloatVector.fromArray(FS, b, bi + FL).fma(ap, c1);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + FL);
    }

    /** One row of C by one vector: the rows8OneVector chain for a single row. */
    private static void row1OneVector(int k, float[] a, int ai, int aCs, float[] b, int bi, int bRs, float[] c, int ci) {
        FloatVector c0 = FloatVector.fromArray(FS, c, ci);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            c0 = FloatVector.fromArray(FS, b, bi).fma(FloatVector.broadcast(FS, a[ai]), c0);
        }
        c0.intoArray(c, ci);
    }

    /** c[i] += sum_p a[i, p] b[p] for every row: one column of C, each element the same FMA chain as in the vector kernels. */
    private static void column1(int m, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bi, int bRs,
                                float[] c, int cOff, int cRs) {
        for (int i = 0; i < m; i++) {
            float sum = c[cOff + i * cRs];
            for (int p = 0, ai = aOff + i * aRs, bp = bi; p < k; p++, ai += aCs, bp += bRs) {
                sum = Math.fma(a[ai], b[bp], sum);
            }
            c[cOff + i * cRs] = sum;
        }
    }

    /** Copies a rows×cols tile between two row-major layouts. */
    private static void copyTile(int rows, int cols, float[] src, int si, int sRs, float[] dst, int di, int dRs) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, si + r * sRs, dst, di + r * dRs, cols);
        }
    }

    /** Double-precision twin of {@link #sgemm}. */
    static void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs,
                      double[] b, int bOff, int bRs, int bBlockStride, boolean bPadded, double[] c, int cOff, int cRs) {
        int nr = 2 * DL;
        double[] cTile = null;
        for (int j0 = 0, block = 0; j0 < n; j0 += nr, block++) {
            int cols = Math.min(nr, n - j0);
            double[] bb = b;
            int bi = bOff + block * bBlockStride, bbRs = bRs;
            if (cols == 1 && !bPadded) {
                // A last block one column wide (a matrix-vector product): a plain FMA chain per row
                // gives the same bits as a vector lane would, without padding a copy of B.
                column1(m, k, a, aOff, aRs, aCs, b, bi, bRs, c, cOff + j0, cRs);
                continue;
            }
            if (cols < nr && cols != DL && !bPadded) {
                bb = new double[k * nr];
                GemmPacking.packB(k, cols, nr, b, bi, bRs, 1, bb);
                bi = 0;
                bbRs = nr;
            }
            for (int i = 0; i < m; i += MR) {
                int rows = Math.min(MR, m - i);
                int ci = cOff + i * cRs + j0;
                int ai = aOff + i * aRs;
                if (rows < MR) {
                    // The last rows of A run one at a time, read where they lie (no padded copy):
                    // each element of C still gets the same chain of FMAs as in the 8-row kernel.
                    for (int r = 0; r < rows; r++) {
                        int ar = ai + r * aRs, cr = ci + r * cRs;
                        if (cols == nr) {
                            row1(k, a, ar, aCs, bb, bi, bbRs, c, cr);
                        } else if (cols == DL) {
                            row1OneVector(k, a, ar, aCs, bb, bi, bbRs, c, cr);
                        } else {
                            cTile = cTile != null ? cTile : new double[MR * nr];
                            copyTile(1, cols, c, cr, cRs, cTile, 0, nr);
                            if (cols <= DL) {
                                row1OneVector(k, a, ar, aCs, bb, bi, bbRs, cTile, 0);
                            } else {
                                row1(k, a, ar, aCs, bb, bi, bbRs, cTile, 0);
                            }
                            copyTile(1, cols, cTile, 0, nr, c, cr, cRs);
                        }
                    }
                    continue;
                }
                if (cols == nr) {
                    rows8(k, a, ai, aRs, aCs, bb, bi, bbRs, c, ci, cRs);
                } else if (cols == DL) {
                    rows8OneVector(k, a, ai, aRs, aCs, bb, bi, bbRs, c, ci, cRs);
                } else {
                    // An edge tile runs the same kernel on a copy of itself: the same arithmetic as full tiles.
                    cTile = cTile != null ? cTile : new double[MR * nr];
                    copyTile(MR, cols, c, ci, cRs, cTile, 0, nr);
                    if (cols <= DL) {
                        rows8OneVector(k, a, ai, aRs, aCs, bb, bi, bbRs, cTile, 0, nr);
                    } else {
                        rows8(k, a, ai, aRs, aCs, bb, bi, bbRs, cTile, 0, nr);
                    }
                    copyTile(MR, cols, cTile, 0, nr, c, ci, cRs);
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

    /** Eight rows of C by one vector, for a block at most one vector wide (H = 16 floats, or one column). */
    private static void rows8OneVector(int k, double[] a, int ai, int aRs, int aCs, double[] b, int bi, int bRs,
                                       double[] c, int ci, int cRs) {
        DoubleVector c0 = DoubleVector.fromArray(DS, c, ci), c1 = DoubleVector.fromArray(DS, c, ci + 1 * cRs);
        DoubleVector c2 = DoubleVector.fromArray(DS, c, ci + 2 * cRs), c3 = DoubleVector.fromArray(DS, c, ci + 3 * cRs);
        DoubleVector c4 = DoubleVector.fromArray(DS, c, ci + 4 * cRs), c5 = DoubleVector.fromArray(DS, c, ci + 5 * cRs);
        DoubleVector c6 = DoubleVector.fromArray(DS, c, ci + 6 * cRs), c7 = DoubleVector.fromArray(DS, c, ci + 7 * cRs);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            DoubleVector bp = DoubleVector.fromArray(DS, b, bi);
            c0 = bp.fma(DoubleVector.broadcast(DS, a[ai]), c0);
            c1 = bp.fma(DoubleVector.broadcast(DS, a[ai + 1 * aRs]), c1);
            c2 = bp.fma(DoubleVector.broadcast(DS, a[ai + 2 * aRs]), c2);
            c3 = bp.fma(DoubleVector.broadcast(DS, a[ai + 3 * aRs]), c3);
            c4 = bp.fma(DoubleVector.broadcast(DS, a[ai + 4 * aRs]), c4);
            c5 = bp.fma(DoubleVector.broadcast(DS, a[ai + 5 * aRs]), c5);
            c6 = bp.fma(DoubleVector.broadcast(DS, a[ai + 6 * aRs]), c6);
            c7 = bp.fma(DoubleVector.broadcast(DS, a[ai + 7 * aRs]), c7);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + 1 * cRs);
        c2.intoArray(c, ci + 2 * cRs);
        c3.intoArray(c, ci + 3 * cRs);
        c4.intoArray(c, ci + 4 * cRs);
        c5.intoArray(c, ci + 5 * cRs);
        c6.intoArray(c, ci + 6 * cRs);
        c7.intoArray(c, ci + 7 * cRs);
    }

    /** One row of C by two vectors: c[0, :] += sum_p a[0, p] b[p, :], the rows8 chain for a single row. */
    private static void row1(int k, double[] a, int ai, int aCs, double[] b, int bi, int bRs, double[] c, int ci) {
        DoubleVector c0 = DoubleVector.fromArray(DS, c, ci), c1 = DoubleVector.fromArray(DS, c, ci + DL);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            DoubleVector ap = DoubleVector.broadcast(DS, a[ai]);
            c0 = DoubleVector.fromArray(DS, b, bi).fma(ap, c0);
            c1 = DoubleVector.fromArray(DS, b, bi + DL).fma(ap, c1);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + DL);
    }

    /** One row of C by one vector: the rows8OneVector chain for a single row. */
    private static void row1OneVector(int k, double[] a, int ai, int aCs, double[] b, int bi, int bRs, double[] c, int ci) {
        DoubleVector c0 = DoubleVector.fromArray(DS, c, ci);
        for (int p = 0; p < k; p++, ai += aCs, bi += bRs) {
            c0 = DoubleVector.fromArray(DS, b, bi).fma(DoubleVector.broadcast(DS, a[ai]), c0);
        }
        c0.intoArray(c, ci);
    }

    /** c[i] += sum_p a[i, p] b[p] for every row: one column of C, each element the same FMA chain as in the vector kernels. */
    private static void column1(int m, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bi, int bRs,
                                double[] c, int cOff, int cRs) {
        for (int i = 0; i < m; i++) {
            double sum = c[cOff + i * cRs];
            for (int p = 0, ai = aOff + i * aRs, bp = bi; p < k; p++, ai += aCs, bp += bRs) {
                sum = Math.fma(a[ai], b[bp], sum);
            }
            c[cOff + i * cRs] = sum;
        }
    }

    /** Copies a rows×cols tile between two row-major layouts. */
    private static void copyTile(int rows, int cols, double[] src, int si, int sRs, double[] dst, int di, int dRs) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, si + r * sRs, dst, di + r * dRs, cols);
        }
    }
}
