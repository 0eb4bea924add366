package dev.tensorgrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's memory bandwidth, measured the way McCalpin's STREAM does: {@code copy}
 * ({@code a[i] = b[i]}) and {@code triad} ({@code a[i] = b[i] + s·c[i]}) over arrays of 2^24
 * floats (64 MiB each, far larger than any cache), as a plain loop and with the Vector API.
 *
 * <p>This is the ceiling an elementwise op on large tensors can reach: an add or a mul moves as
 * many bytes as the triad and does even less arithmetic. JMH reports microseconds per pass;
 * {@code bench/compare.py} turns that into GB/s with STREAM's byte count (copy 8, triad 12 bytes
 * per element: each array read or written once; the cache's write-allocate reads are not counted).
 *
 * <p>With {@code threads = 2} the range is cut in two contiguous halves, one per thread, because a
 * single core often cannot keep enough misses in flight to saturate the memory controller.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_API, BenchJvm.HUGE_PAGES, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH})
public class StreamTriadBench {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final float SCALAR = 3f;

    /** Elements per array (log2); 2^24 floats is 64 MiB per array. */
    @Param({"24"})
    public int log2Size;

    /** Threads sharing each pass. */
    @Param({"1", "2"})
    public int threads;

    private float[] a;
    private float[] b;
    private float[] c;
    private ExecutorService pool;

    /** Allocates and touches the arrays, so page faults happen before timing starts. */
    @Setup(Level.Trial)
    public void setUp() {
        int size = 1 << log2Size;
        a = new float[size];
        b = new float[size];
        c = new float[size];
        for (int i = 0; i < size; i++) {
            b[i] = 1f;
            c[i] = 2f;
        }
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
    }

    /** Stops the helper threads of a multi-threaded trial. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** {@code a[i] = b[i]}, plain loop (the JIT may vectorise it by itself). */
    @Benchmark
    public float[] copyLoop() throws Exception {
        float[] a = this.a;
        float[] b = this.b;
        inParallel((from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = b[i];
            }
        });
        return a;
    }

    /** {@code a[i] = b[i]}, one vector register at a time. */
    @Benchmark
    public float[] copyVector() throws Exception {
        float[] a = this.a;
        float[] b = this.b;
        inParallel((from, to) -> {
            int i = from;
            for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, b, i).intoArray(a, i);
            }
            for (; i < to; i++) {
                a[i] = b[i];
            }
        });
        return a;
    }

    /** {@code a[i] = b[i] + s·c[i]}, plain loop. */
    @Benchmark
    public float[] triadLoop() throws Exception {
        float[] a = this.a;
        float[] b = this.b;
        float[] c = this.c;
        inParallel((from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = b[i] + SCALAR * c[i];
            }
        });
        return a;
    }

    /** {@code a[i] = b[i] + s·c[i]} as one fused multiply-add per vector. */
    @Benchmark
    public float[] triadVector() throws Exception {
        float[] a = this.a;
        float[] b = this.b;
        float[] c = this.c;
        inParallel((from, to) -> {
            FloatVector s = FloatVector.broadcast(SPECIES, SCALAR);
            int i = from;
            for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += SPECIES.length()) {
                FloatVector cv = FloatVector.fromArray(SPECIES, c, i);
                cv.fma(s, FloatVector.fromArray(SPECIES, b, i)).intoArray(a, i);
            }
            for (; i < to; i++) {
                a[i] = b[i] + SCALAR * c[i];
            }
        });
        return a;
    }

    /** A pass over the index range [from, to). */
    private interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over the whole array, cut into {@link #threads} contiguous parts. */
    private void inParallel(Range body) throws InterruptedException, ExecutionException {
        int size = a.length;
        if (pool == null) {
            body.run(0, size);
            return;
        }
        List<Future<?>> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) size * t / threads);
            int to = (int) ((long) size * (t + 1) / threads);
            helpers.add(pool.submit(() -> body.run(from, to)));
        }
        // The calling thread takes the first part instead of idling while it waits.
        body.run(0, size / threads);
        for (Future<?> helper : helpers) {
            helper.get();
        }
    }
}
