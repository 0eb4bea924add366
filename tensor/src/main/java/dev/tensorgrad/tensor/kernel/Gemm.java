package dev.tensorgrad.tensor.kernel;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * General matrix multiply, {@code C = beta·C + A·B}, for FLOAT32 ({@code sgemm}) and FLOAT64
 * ({@code dgemm}), on matrices given as (array, offset, row stride, column stride).
 *
 * <p>The fast path follows the GotoBLAS/BLIS design (see docs/GEMM.md): B is packed in
 * {@code KC × NC} panels of {@code NR}-wide slivers, A in {@code MC × KC} blocks of {@code MR}-tall
 * slivers (see {@link GemmPacking}), and a micro-kernel keeps an {@code MR × NR} tile of C in
 * vector registers while it streams through {@code KC} steps of FMAs. Threads split C into
 * disjoint blocks and each runs the same sequential algorithm, so every element of C is produced
 * by the same FMAs in the same order whatever the thread count: results are bit-identical.
 *
 * <p>Two refinements serve the many small products of a recurrent network. When B and C have
 * contiguous rows and A's depth panels stay in cache (see {@code fitsDirect}), {@link GemmDirect}
 * runs the same register tile straight from A and B in KC-deep panels, since packing would cost as
 * much as the multiply (a product only a few columns wide is run as {@code C^T = B^T A^T}, so its
 * vectors are full). And a B
 * used by many products (a weight matrix, once per time step) can be packed once with
 * {@link #packB(int, int, float[], int, int, int)} and passed as a {@link PackedB}. Every path
 * computes each element of C as the same chain of FMAs in the same order, so they give the same bits.
 *
 * <p>{@code sgemmReference}/{@code dgemmReference} are the plain triple loops the fast kernels are
 * tested against. Element (i, j) of a matrix x is {@code x[xOff + i*xRowStride + j*xColStride]};
 * any strides work, including transposed layouts and stride 0 (broadcast) for A and B.
 * C must not overlap A or B, and its (i, j) positions must be distinct.
 */
public final class Gemm {

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();

    /**
     * Micro-tile: MR rows of C (one broadcast of A each) by NR columns (two vectors). 8×2 vectors
     * measured faster than 6×2 on AVX-512 (32 registers); 6×2 is the choice for 16-register AVX2.
     */
    private static final int MR = 8;
    static final int F_NR = 2 * FL;
    static final int D_NR = 2 * DL;

    /** Depth of one packed panel: a kc×NR sliver of B stays in L1 while A slivers stream past it. */
    private static final int KC = 256;
    /** Rows of A packed at once: an MC×KC block of A is sized to stay in L2. */
    private static final int MC = 144;
    /** Columns of B packed at once: a KC×NC panel of B is sized for L3. */
    private static final int NC = 4096;

    /**
     * Below this many multiply-adds per thread (about 45 µs of work), forking costs more than it
     * saves: measured, 64×256·256×256 (2^22) took 44 µs on one thread and 62 µs on two.
     */
    private static final long MIN_FMAS_PER_THREAD = 1L << 22;

    /**
     * The direct kernel re-reads a KC-deep panel of A once per column block of B: up to this many
     * rows (a 512×256 float panel is 512 KB) the panel stays in L2.
     */
    private static final int DIRECT_MAX_ROWS = 512;

    private Gemm() {
    }

    /**
     * Single-precision {@code C = beta·C + A·B}, with A m×k, B k×n and C m×n.
     *
     * @param beta    0 to overwrite C (its old contents, even NaN, are ignored) or 1 to accumulate
     * @param threads how many threads may share the work; the result does not depend on it
     * @throws IllegalArgumentException if a dimension is negative, {@code threads < 1}, beta is
     *                                  neither 0 nor 1, or a matrix reaches outside its array
     */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int cRowStride, int cColStride,
                             float beta, int threads) {
        checkArguments("sgemm", m, n, k, beta, threads);
        checkExtent("sgemm", "A", a.length, aOff, m, k, aRowStride, aColStride);
        checkExtent("sgemm", "B", b.length, bOff, k, n, bRowStride, bColStride);
        checkExtent("sgemm", "C", c.length, cOff, m, n, cRowStride, cColStride);
        boolean accumulate = beta == 1f;
        if (aRowStride == 1 && cRowStride == 1 && n < FL && m > n && fitsDirect(n, m, F_NR)) {
            // A product a few columns wide runs as C^T = B^T A^T: the same FMAs for every element
            // (hence the same bits), with vectors along C's long side instead of mostly-masked ones.
            forEachBlock(n, m, k, MR, F_NR, threads, (i0, i1, j0, j1) -> sgemmDirect(i1 - i0, j1 - j0, k,
                    b, bOff + i0 * bColStride, bColStride, bRowStride, a, aOff + j0, aColStride, F_NR, false,
                    c, cOff + i0 * cColStride + j0, cColStride, accumulate));
            return;
        }
        if (unitColumns(n, bColStride) && unitColumns(n, cColStride) && fitsDirect(m, n, F_NR)) {
            forEachBlock(m, n, k, MR, F_NR, threads, (i0, i1, j0, j1) -> sgemmDirect(i1 - i0, j1 - j0, k,
                    a, aOff + i0 * aRowStride, aRowStride, aColStride, b, bOff + j0, bRowStride, F_NR, false,
                    c, cOff + i0 * cRowStride + j0, cRowStride, accumulate));
            return;
        }
        forEachBlock(m, n, k, MR, F_NR, threads, (i0, i1, j0, j1) -> sgemmBlocked(i1 - i0, j1 - j0, k,
                a, aOff + i0 * aRowStride, aRowStride, aColStride,
                b, bOff + j0 * bColStride, bRowStride, bColStride, null, 0,
                c, cOff + i0 * cRowStride + j0 * cColStride, cRowStride, cColStride, accumulate));
    }

    /**
     * Single-precision {@code C = beta·C + A·B} with B given packed by
     * {@link #packB(int, int, float[], int, int, int)}; A is m×k, C m×n, and B must be k×n.
     *
     * @throws IllegalArgumentException as for the unpacked {@code sgemm}, or if B is not a FLOAT32
     *                                  k×n packed matrix
     */
    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             PackedB b,
                             float[] c, int cOff, int cRowStride, int cColStride,
                             float beta, int threads) {
        checkArguments("sgemm", m, n, k, beta, threads);
        checkPacked("sgemm", b, k, n, b.floats != null);
        checkExtent("sgemm", "A", a.length, aOff, m, k, aRowStride, aColStride);
        checkExtent("sgemm", "C", c.length, cOff, m, n, cRowStride, cColStride);
        boolean accumulate = beta == 1f;
        if (unitColumns(n, cColStride) && fitsDirect(m, n, F_NR)) {
            forEachBlock(m, n, k, MR, F_NR, threads, (i0, i1, j0, j1) -> sgemmDirect(i1 - i0, j1 - j0, k,
                    a, aOff + i0 * aRowStride, aRowStride, aColStride, b.floats, j0 / F_NR * k * F_NR, F_NR, k * F_NR, true,
                    c, cOff + i0 * cRowStride + j0, cRowStride, accumulate));
            return;
        }
        forEachBlock(m, n, k, MR, F_NR, threads, (i0, i1, j0, j1) -> sgemmBlocked(i1 - i0, j1 - j0, k,
                a, aOff + i0 * aRowStride, aRowStride, aColStride,
                null, 0, 0, 0, b.floats, j0,
                c, cOff + i0 * cRowStride + j0 * cColStride, cRowStride, cColStride, accumulate));
    }

    /**
     * Double-precision {@code C = beta·C + A·B}; same contract as
     * {@link #sgemm(int, int, int, float[], int, int, int, float[], int, int, int, float[], int, int, int, float, int)}.
     *
     * @throws IllegalArgumentException as for {@code sgemm}
     */
    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             double[] b, int bOff, int bRowStride, int bColStride,
                             double[] c, int cOff, int cRowStride, int cColStride,
                             double beta, int threads) {
        checkArguments("dgemm", m, n, k, beta, threads);
        checkExtent("dgemm", "A", a.length, aOff, m, k, aRowStride, aColStride);
        checkExtent("dgemm", "B", b.length, bOff, k, n, bRowStride, bColStride);
        checkExtent("dgemm", "C", c.length, cOff, m, n, cRowStride, cColStride);
        boolean accumulate = beta == 1d;
        if (aRowStride == 1 && cRowStride == 1 && n < DL && m > n && fitsDirect(n, m, D_NR)) {
            // A product a few columns wide runs as C^T = B^T A^T: the same FMAs for every element
            // (hence the same bits), with vectors along C's long side instead of mostly-masked ones.
            forEachBlock(n, m, k, MR, D_NR, threads, (i0, i1, j0, j1) -> dgemmDirect(i1 - i0, j1 - j0, k,
                    b, bOff + i0 * bColStride, bColStride, bRowStride, a, aOff + j0, aColStride, D_NR, false,
                    c, cOff + i0 * cColStride + j0, cColStride, accumulate));
            return;
        }
        if (unitColumns(n, bColStride) && unitColumns(n, cColStride) && fitsDirect(m, n, D_NR)) {
            forEachBlock(m, n, k, MR, D_NR, threads, (i0, i1, j0, j1) -> dgemmDirect(i1 - i0, j1 - j0, k,
                    a, aOff + i0 * aRowStride, aRowStride, aColStride, b, bOff + j0, bRowStride, D_NR, false,
                    c, cOff + i0 * cRowStride + j0, cRowStride, accumulate));
            return;
        }
        forEachBlock(m, n, k, MR, D_NR, threads, (i0, i1, j0, j1) -> dgemmBlocked(i1 - i0, j1 - j0, k,
                a, aOff + i0 * aRowStride, aRowStride, aColStride,
                b, bOff + j0 * bColStride, bRowStride, bColStride, null, 0,
                c, cOff + i0 * cRowStride + j0 * cColStride, cRowStride, cColStride, accumulate));
    }

    /**
     * Double-precision {@code C = beta·C + A·B} with B given packed by
     * {@link #packB(int, int, double[], int, int, int)}; same contract as the FLOAT32 version.
     *
     * @throws IllegalArgumentException as for the unpacked {@code dgemm}, or if B is not a FLOAT64
     *                                  k×n packed matrix
     */
    public static void dgemm(int m, int n, int k,
                             double[] a, int aOff, int aRowStride, int aColStride,
                             PackedB b,
                             double[] c, int cOff, int cRowStride, int cColStride,
                             double beta, int threads) {
        checkArguments("dgemm", m, n, k, beta, threads);
        checkPacked("dgemm", b, k, n, b.doubles != null);
        checkExtent("dgemm", "A", a.length, aOff, m, k, aRowStride, aColStride);
        checkExtent("dgemm", "C", c.length, cOff, m, n, cRowStride, cColStride);
        boolean accumulate = beta == 1d;
        if (unitColumns(n, cColStride) && fitsDirect(m, n, D_NR)) {
            forEachBlock(m, n, k, MR, D_NR, threads, (i0, i1, j0, j1) -> dgemmDirect(i1 - i0, j1 - j0, k,
                    a, aOff + i0 * aRowStride, aRowStride, aColStride, b.doubles, j0 / D_NR * k * D_NR, D_NR, k * D_NR, true,
                    c, cOff + i0 * cRowStride + j0, cRowStride, accumulate));
            return;
        }
        forEachBlock(m, n, k, MR, D_NR, threads, (i0, i1, j0, j1) -> dgemmBlocked(i1 - i0, j1 - j0, k,
                a, aOff + i0 * aRowStride, aRowStride, aColStride,
                null, 0, 0, 0, b.doubles, j0,
                c, cOff + i0 * cRowStride + j0 * cColStride, cRowStride, cColStride, accumulate));
    }

    /**
     * A k×n matrix B packed once into the layout the kernels read (NR-wide column slivers, each
     * k rows deep, zero-padded), for reuse across many products: an RNN packs its recurrent
     * weight once per pass instead of once per time step. Immutable; packing copies B.
     */
    public static final class PackedB {
        private final int k;
        private final int n;
        private final float[] floats;
        private final double[] doubles;

        private PackedB(int k, int n, float[] floats, double[] doubles) {
            this.k = k;
            this.n = n;
            this.floats = floats;
            this.doubles = doubles;
        }

        /** Rows of B (the depth k of the products it takes part in). */
        public int rows() {
            return k;
        }

        /** Columns of B. */
        public int cols() {
            return n;
        }
    }

    /**
     * Packs the k×n FLOAT32 matrix with element (p, j) at {@code b[off + p*rowStride + j*colStride]}.
     *
     * @throws IllegalArgumentException if a dimension is negative or B reaches outside its array
     */
    public static PackedB packB(int k, int n, float[] b, int off, int rowStride, int colStride) {
        checkArguments("packB", 0, n, k, 0, 1);
        checkExtent("packB", "B", b.length, off, k, n, rowStride, colStride);
        float[] packed = new float[k * roundUp(n, F_NR)];
        GemmPacking.packB(k, n, F_NR, b, off, rowStride, colStride, packed);
        return new PackedB(k, n, packed, null);
    }

    /**
     * Packs the k×n FLOAT64 matrix with element (p, j) at {@code b[off + p*rowStride + j*colStride]}.
     *
     * @throws IllegalArgumentException if a dimension is negative or B reaches outside its array
     */
    public static PackedB packB(int k, int n, double[] b, int off, int rowStride, int colStride) {
        checkArguments("packB", 0, n, k, 0, 1);
        checkExtent("packB", "B", b.length, off, k, n, rowStride, colStride);
        double[] packed = new double[k * roundUp(n, D_NR)];
        GemmPacking.packB(k, n, D_NR, b, off, rowStride, colStride, packed);
        return new PackedB(k, n, null, packed);
    }

    /**
     * Plain triple-loop {@code C = beta·C + A·B} in single precision: the reference the fast
     * kernel is tested against. Same layout and beta contract as {@code sgemm}.
     *
     * @throws IllegalArgumentException if a dimension is negative or beta is neither 0 nor 1
     */
    public static void sgemmReference(int m, int n, int k,
                                      float[] a, int aOff, int aRowStride, int aColStride,
                                      float[] b, int bOff, int bRowStride, int bColStride,
                                      float[] c, int cOff, int cRowStride, int cColStride,
                                      float beta) {
        checkArguments("sgemmReference", m, n, k, beta, 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                int ci = cOff + i * cRowStride + j * cColStride;
                c[ci] = beta == 0f ? sum : c[ci] + sum;
            }
        }
    }

    /**
     * Plain triple-loop {@code C = beta·C + A·B} in double precision; same contract as
     * {@link #sgemmReference(int, int, int, float[], int, int, int, float[], int, int, int, float[], int, int, int, float)}.
     *
     * @throws IllegalArgumentException if a dimension is negative or beta is neither 0 nor 1
     */
    public static void dgemmReference(int m, int n, int k,
                                      double[] a, int aOff, int aRowStride, int aColStride,
                                      double[] b, int bOff, int bRowStride, int bColStride,
                                      double[] c, int cOff, int cRowStride, int cColStride,
                                      double beta) {
        checkArguments("dgemmReference", m, n, k, beta, 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0d;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * aRowStride + p * aColStride] * b[bOff + p * bRowStride + j * bColStride];
                }
                int ci = cOff + i * cRowStride + j * cColStride;
                c[ci] = beta == 0d ? sum : c[ci] + sum;
            }
        }
    }

    // ---------------------------------------------------------------- blocked algorithm, FLOAT32

    /** Whether a matrix with this many columns has them next to each other (stride 1, or just one column). */
    private static boolean unitColumns(int cols, int colStride) {
        return colStride == 1 || cols == 1;
    }

    /**
     * Whether the direct kernel suits an m×k by k×n product (any k: it runs in depth panels): A's depth panels stay in L2, or A is
     * read at most twice (n at most two blocks wide). Measured on AVX-512, one thread: 64×64×3168
     * ~170 GFLOP/s direct, 128×128×6400 ~127 direct against ~60 packed, 512×512×6368 ~136 either
     * way, 1024×1024×1024 ~125 direct against ~146 packed.
     */
    private static boolean fitsDirect(int m, int n, int nr) {
        return m <= DIRECT_MAX_ROWS || n <= 2 * nr;
    }

    /**
     * The unpacked path on one block of C: zero it for beta = 0, then {@link GemmDirect} adds A·B.
     * B is read in column blocks {@code bBlockStride} apart, rows {@code bRs} apart, the last block
     * zero-padded to full width if {@code bPadded} (see GemmDirect).
     */
    static void sgemmDirect(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                            float[] b, int bOff, int bRs, int bBlockStride, boolean bPadded,
                            float[] c, int cOff, int cRs, boolean accumulate) {
        if (!accumulate) {
            fill(m, n, c, cOff, cRs, 1);
        }
        // Depth panels of KC keep a panel of each B block in L1 while every row block of A passes it.
        for (int pc = 0; pc < k; pc += KC) {
            GemmDirect.sgemm(m, n, Math.min(KC, k - pc), a, aOff + pc * aCs, aRs, aCs, b, bOff + pc * bRs, bRs,
                    bBlockStride, bPadded, c, cOff, cRs);
        }
    }

    /**
     * The sequential GotoBLAS loop nest over one block of C: jc → pc (pack B) → ic (pack A) → jr → ir.
     * With {@code prepacked} non-null, B was packed whole by {@link #packB} and this block's columns
     * start at column {@code j0} of it; b, bOff, bRs and bCs are then unused.
     */
    static void sgemmBlocked(int m, int n, int k,
                             float[] a, int aOff, int aRs, int aCs,
                             float[] b, int bOff, int bRs, int bCs, float[] prepacked, int j0,
                             float[] c, int cOff, int cRs, int cCs, boolean accumulate) {
        if (!accumulate) {
            // beta = 0: start from zeros, so C's old contents (even NaN) never reach the result.
            fill(m, n, c, cOff, cRs, cCs);
        }
        if (k == 0) {
            return;
        }
        int kcMax = Math.min(KC, k);
        float[] bPacked = prepacked != null ? prepacked : new float[kcMax * roundUp(Math.min(NC, n), F_NR)];
        float[] aPacked = new float[kcMax * roundUp(Math.min(MC, m), MR)];
        float[] edge = new float[MR * F_NR];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                // Sliver s of this panel starts at bStart + s * bSliverStride, its rows F_NR apart.
                int bStart = 0, bSliverStride = kc * F_NR;
                if (prepacked == null) {
                    GemmPacking.packB(kc, nc, F_NR, b, bOff + pc * bRs + jc * bCs, bRs, bCs, bPacked);
                } else {
                    bSliverStride = k * F_NR;
                    bStart = (j0 + jc) / F_NR * bSliverStride + pc * F_NR;
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(mc, kc, MR, a, aOff + ic * aRs + pc * aCs, aRs, aCs, aPacked);
                    for (int jr = 0; jr < nc; jr += F_NR) {
                        int bi = bStart + jr / F_NR * bSliverStride;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir), cols = Math.min(F_NR, nc - jr);
                            int ci = cOff + (ic + ir) * cRs + (jc + jr) * cCs;
                            if (rows == MR && cols == F_NR && cCs == 1) {
                                sgemmMicro(kc, aPacked, ir * kc, bPacked, bi, c, ci, cRs);
                            } else {
                                // A partial or strided tile runs the same kernel on a copy of itself,
                                // so its elements see exactly the same arithmetic as full tiles.
                                copyTile(rows, cols, c, ci, cRs, cCs, edge, 0, F_NR, 1);
                                sgemmMicro(kc, aPacked, ir * kc, bPacked, bi, edge, 0, F_NR);
                                copyTile(rows, cols, edge, 0, F_NR, 1, c, ci, cRs, cCs);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: the 8×NR block of c at ci (rows cRs apart, columns contiguous) += A sliver ·
     * B sliver over kc steps. The block is loaded into sixteen accumulators (8 rows × 2 vectors);
     * each step loads one row of the B sliver and broadcasts eight values of the A sliver. It has no
     * branches besides the loop, so the JIT never has to recompile it for a path it had not seen.
     */
    private static void sgemmMicro(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int cRs) {
        FloatVector c00 = FloatVector.fromArray(FS, c, ci), c01 = FloatVector.fromArray(FS, c, ci + FL);
        FloatVector c10 = FloatVector.fromArray(FS, c, ci + cRs), c11 = FloatVector.fromArray(FS, c, ci + cRs + FL);
        FloatVector c20 = FloatVector.fromArray(FS, c, ci + 2 * cRs), c21 = FloatVector.fromArray(FS, c, ci + 2 * cRs + FL);
        FloatVector c30 = FloatVector.fromArray(FS, c, ci + 3 * cRs), c31 = FloatVector.fromArray(FS, c, ci + 3 * cRs + FL);
        FloatVector c40 = FloatVector.fromArray(FS, c, ci + 4 * cRs), c41 = FloatVector.fromArray(FS, c, ci + 4 * cRs + FL);
        FloatVector c50 = FloatVector.fromArray(FS, c, ci + 5 * cRs), c51 = FloatVector.fromArray(FS, c, ci + 5 * cRs + FL);
        FloatVector c60 = FloatVector.fromArray(FS, c, ci + 6 * cRs), c61 = FloatVector.fromArray(FS, c, ci + 6 * cRs + FL);
        FloatVector c70 = FloatVector.fromArray(FS, c, ci + 7 * cRs), c71 = FloatVector.fromArray(FS, c, ci + 7 * cRs + FL);
        for (int p = 0; p < kc; p++, ai += MR, bi += F_NR) {
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector a0 = FloatVector.broadcast(FS, ap[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(FS, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(FS, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(FS, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(FS, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(FS, ap[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(FS, ap[ai + 7]);
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

    /** Copies a rows×cols tile between two strided layouts. */
    private static void copyTile(int rows, int cols, float[] src, int si, int sRs, int sCs,
                                 float[] dst, int di, int dRs, int dCs) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[di + i * dRs + j * dCs] = src[si + i * sRs + j * sCs];
            }
        }
    }

    private static void fill(int m, int n, float[] c, int cOff, int cRs, int cCs) {
        for (int i = 0; i < m; i++) {
            if (cCs == 1) {
                Arrays.fill(c, cOff + i * cRs, cOff + i * cRs + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * cRs + j * cCs] = 0f;
                }
            }
        }
    }

    // ---------------------------------------------------------------- blocked algorithm, FLOAT64

    /** Double-precision twin of {@link #sgemmDirect}. */
    static void dgemmDirect(int m, int n, int k, double[] a, int aOff, int aRs, int aCs,
                            double[] b, int bOff, int bRs, int bBlockStride, boolean bPadded,
                            double[] c, int cOff, int cRs, boolean accumulate) {
        if (!accumulate) {
            fill(m, n, c, cOff, cRs, 1);
        }
        // Depth panels of KC keep a panel of each B block in L1 while every row block of A passes it.
        for (int pc = 0; pc < k; pc += KC) {
            GemmDirect.dgemm(m, n, Math.min(KC, k - pc), a, aOff + pc * aCs, aRs, aCs, b, bOff + pc * bRs, bRs,
                    bBlockStride, bPadded, c, cOff, cRs);
        }
    }

    /** Double-precision twin of {@link #sgemmBlocked}. */
    static void dgemmBlocked(int m, int n, int k,
                             double[] a, int aOff, int aRs, int aCs,
                             double[] b, int bOff, int bRs, int bCs, double[] prepacked, int j0,
                             double[] c, int cOff, int cRs, int cCs, boolean accumulate) {
        if (!accumulate) {
            // beta = 0: start from zeros, so C's old contents (even NaN) never reach the result.
            fill(m, n, c, cOff, cRs, cCs);
        }
        if (k == 0) {
            return;
        }
        int kcMax = Math.min(KC, k);
        double[] bPacked = prepacked != null ? prepacked : new double[kcMax * roundUp(Math.min(NC, n), D_NR)];
        double[] aPacked = new double[kcMax * roundUp(Math.min(MC, m), MR)];
        double[] edge = new double[MR * D_NR];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int bStart = 0, bSliverStride = kc * D_NR;
                if (prepacked == null) {
                    GemmPacking.packB(kc, nc, D_NR, b, bOff + pc * bRs + jc * bCs, bRs, bCs, bPacked);
                } else {
                    bSliverStride = k * D_NR;
                    bStart = (j0 + jc) / D_NR * bSliverStride + pc * D_NR;
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(mc, kc, MR, a, aOff + ic * aRs + pc * aCs, aRs, aCs, aPacked);
                    for (int jr = 0; jr < nc; jr += D_NR) {
                        int bi = bStart + jr / D_NR * bSliverStride;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir), cols = Math.min(D_NR, nc - jr);
                            int ci = cOff + (ic + ir) * cRs + (jc + jr) * cCs;
                            if (rows == MR && cols == D_NR && cCs == 1) {
                                dgemmMicro(kc, aPacked, ir * kc, bPacked, bi, c, ci, cRs);
                            } else {
                                // A partial or strided tile runs the same kernel on a copy of itself,
                                // so its elements see exactly the same arithmetic as full tiles.
                                copyTile(rows, cols, c, ci, cRs, cCs, edge, 0, D_NR, 1);
                                dgemmMicro(kc, aPacked, ir * kc, bPacked, bi, edge, 0, D_NR);
                                copyTile(rows, cols, edge, 0, D_NR, 1, c, ci, cRs, cCs);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Double-precision twin of {@link #sgemmMicro}. */
    private static void dgemmMicro(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int cRs) {
        DoubleVector c00 = DoubleVector.fromArray(DS, c, ci), c01 = DoubleVector.fromArray(DS, c, ci + DL);
        DoubleVector c10 = DoubleVector.fromArray(DS, c, ci + cRs), c11 = DoubleVector.fromArray(DS, c, ci + cRs + DL);
        DoubleVector c20 = DoubleVector.fromArray(DS, c, ci + 2 * cRs), c21 = DoubleVector.fromArray(DS, c, ci + 2 * cRs + DL);
        DoubleVector c30 = DoubleVector.fromArray(DS, c, ci + 3 * cRs), c31 = DoubleVector.fromArray(DS, c, ci + 3 * cRs + DL);
        DoubleVector c40 = DoubleVector.fromArray(DS, c, ci + 4 * cRs), c41 = DoubleVector.fromArray(DS, c, ci + 4 * cRs + DL);
        DoubleVector c50 = DoubleVector.fromArray(DS, c, ci + 5 * cRs), c51 = DoubleVector.fromArray(DS, c, ci + 5 * cRs + DL);
        DoubleVector c60 = DoubleVector.fromArray(DS, c, ci + 6 * cRs), c61 = DoubleVector.fromArray(DS, c, ci + 6 * cRs + DL);
        DoubleVector c70 = DoubleVector.fromArray(DS, c, ci + 7 * cRs), c71 = DoubleVector.fromArray(DS, c, ci + 7 * cRs + DL);
        for (int p = 0; p < kc; p++, ai += MR, bi += D_NR) {
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector a0 = DoubleVector.broadcast(DS, ap[ai]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            DoubleVector a1 = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            DoubleVector a2 = DoubleVector.broadcast(DS, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            DoubleVector a3 = DoubleVector.broadcast(DS, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            DoubleVector a4 = DoubleVector.broadcast(DS, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            DoubleVector a5 = DoubleVector.broadcast(DS, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            DoubleVector a6 = DoubleVector.broadcast(DS, ap[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            DoubleVector a7 = DoubleVector.broadcast(DS, ap[ai + 7]);
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

    /** Copies a rows×cols tile between two strided layouts. */
    private static void copyTile(int rows, int cols, double[] src, int si, int sRs, int sCs,
                                 double[] dst, int di, int dRs, int dCs) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[di + i * dRs + j * dCs] = src[si + i * sRs + j * sCs];
            }
        }
    }

    private static void fill(int m, int n, double[] c, int cOff, int cRs, int cCs) {
        for (int i = 0; i < m; i++) {
            if (cCs == 1) {
                Arrays.fill(c, cOff + i * cRs, cOff + i * cRs + n, 0d);
            } else {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * cRs + j * cCs] = 0d;
                }
            }
        }
    }

    // ---------------------------------------------------------------- threading

    /** One rectangular block of C, rows [i0, i1) by columns [j0, j1). */
    private interface Block {
        void run(int i0, int i1, int j0, int j1);
    }

    /**
     * Splits C into up to {@code threads} blocks along whichever of its dimensions has more
     * micro-tiles, block edges on the micro-tile grid, and runs {@code block} on each through
     * {@link ParallelFor} (the calling thread takes part). Small products run as one block on the
     * calling thread.
     */
    private static void forEachBlock(int m, int n, int k, int mr, int nr, int threads, Block block) {
        if (m == 0 || n == 0) {
            return;
        }
        long fmas = (long) m * n * Math.max(k, 1);
        int parts = (int) Math.min(threads, Math.max(1, fmas / MIN_FMAS_PER_THREAD));
        if (parts == 1) {
            // Called directly, the block's lambda stays on the stack: the RNN's many small
            // products allocate nothing here (through ParallelFor they cost ~9 KB per step).
            block.run(0, m, 0, n);
        } else if (ceilDiv(m, mr) >= ceilDiv(n, nr)) {
            ParallelFor.runOneRangePerThread(m, mr, Math.min(parts, ceilDiv(m, mr)), (i0, i1) -> block.run(i0, i1, 0, n));
        } else {
            ParallelFor.runOneRangePerThread(n, nr, Math.min(parts, ceilDiv(n, nr)), (j0, j1) -> block.run(0, m, j0, j1));
        }
    }

    // ---------------------------------------------------------------- argument checks

    private static void checkArguments(String op, int m, int n, int k, double beta, int threads) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": dimensions must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (beta != 0 && beta != 1) {
            throw new IllegalArgumentException(op + ": beta must be 0 or 1, got " + beta);
        }
        if (threads < 1) {
            throw new IllegalArgumentException(op + ": threads must be >= 1, got " + threads);
        }
    }

    private static void checkPacked(String op, PackedB b, int k, int n, boolean rightDtype) {
        if (!rightDtype) {
            throw new IllegalArgumentException(op + ": packed B holds " + (b.floats != null ? "FLOAT32" : "FLOAT64")
                    + " values, expected " + (b.floats != null ? "FLOAT64" : "FLOAT32"));
        }
        if (b.k != k || b.n != n) {
            throw new IllegalArgumentException(op + ": packed B is [" + b.k + ", " + b.n + "], expected [" + k + ", " + n + "]");
        }
    }

    /** Checks that every element of a rows×cols matrix lies inside its array, for strides of any sign. */
    private static void checkExtent(String op, String name, int length, int off, int rows, int cols,
                                    int rowStride, int colStride) {
        if (rows == 0 || cols == 0) {
            return;
        }
        long lastRow = (long) (rows - 1) * rowStride;
        long lastCol = (long) (cols - 1) * colStride;
        long lo = off + Math.min(0, lastRow) + Math.min(0, lastCol);
        long hi = off + Math.max(0, lastRow) + Math.max(0, lastCol);
        if (lo < 0 || hi >= length) {
            throw new IllegalArgumentException(op + ": " + name + " [" + rows + ", " + cols + "] with offset " + off
                    + " and strides [" + rowStride + ", " + colStride + "] reaches index " + (lo < 0 ? lo : hi)
                    + " of an array of length " + length);
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
