package dev.tensorgrad.bench;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.kernel.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time of one {@code C = A·B} through the GEMM kernel ({@link Gemm#sgemm} / {@link Gemm#dgemm}),
 * on the shapes OpenBLAS is timed on in {@code ../shared/peers/sgemm_numpy.py}.
 *
 * <p>{@code shape} is either a single number n (an n×n by n×n product) or {@code MxK@KxN}, the
 * three matrix products one step of the homework RNNs does. JMH reports microseconds per product;
 * {@code bench/compare.py} turns that into GFLOP/s as {@code 2·m·n·k / time}, the convention BLAS
 * benchmarks use (one multiply and one add per inner-product term).
 *
 * <p>All matrices are dense and row-major, C is overwritten ({@code beta = 0}), and the operands
 * are allocated once per trial so that only the multiply is timed, as in the NumPy peer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_API, BenchJvm.HUGE_PAGES, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH})
public class MatmulBench {

    /** Square sizes n (n×n by n×n), then the RNN step shapes as m×k @ k×n. */
    @Param({"64", "128", "256", "512", "1024", "2048", "32x64@64x64", "32x128@128x512", "64x256@256x256"})
    public String shape;

    /** Element type: FLOAT32 runs sgemm, FLOAT64 runs dgemm. */
    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    /** How many threads the kernel may use. */
    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private float[] af;
    private float[] bf;
    private float[] cf;
    private double[] ad;
    private double[] bd;
    private double[] cd;

    /** Parses {@link #shape} and fills A and B with uniform [0, 1) values, as the NumPy peer does. */
    @Setup
    public void setUp() {
        int[] mkn = parseShape(shape);
        m = mkn[0];
        k = mkn[1];
        n = mkn[2];
        SplittableRandom random = new SplittableRandom(42);
        if (dtype == DType.FLOAT32) {
            af = randomFloats(random, m * k);
            bf = randomFloats(random, k * n);
            cf = new float[m * n];
        } else {
            ad = random.doubles(m * k).toArray();
            bd = random.doubles(k * n).toArray();
            cd = new double[m * n];
        }
    }

    /** One product C = A·B with row-major A (m×k), B (k×n) and C (m×n). */
    @Benchmark
    public void matmul(Blackhole sink) {
        if (dtype == DType.FLOAT32) {
            Gemm.sgemm(m, n, k, af, 0, k, 1, bf, 0, n, 1, cf, 0, n, 1, 0f, threads);
            sink.consume(cf);
        } else {
            Gemm.dgemm(m, n, k, ad, 0, k, 1, bd, 0, n, 1, cd, 0, n, 1, 0d, threads);
            sink.consume(cd);
        }
    }

    /**
     * Reads "n" as {n, n, n} and "MxK@KxN" as {M, K, N}.
     *
     * @throws IllegalArgumentException if the text is neither form or the inner dimensions differ
     */
    static int[] parseShape(String text) {
        if (!text.contains("@")) {
            int size = Integer.parseInt(text);
            return new int[] {size, size, size};
        }
        String[] operands = text.split("@");
        String[] left = operands[0].split("x");
        String[] right = operands.length == 2 ? operands[1].split("x") : new String[0];
        if (left.length != 2 || right.length != 2 || !left[1].equals(right[0])) {
            throw new IllegalArgumentException("MatmulBench: shape must be n or MxK@KxN, got " + text);
        }
        return new int[] {Integer.parseInt(left[0]), Integer.parseInt(left[1]), Integer.parseInt(right[1])};
    }

    private static float[] randomFloats(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextDouble();
        }
        return values;
    }
}
