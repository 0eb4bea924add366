package dev.tensorgrad.bench;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
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

/**
 * Memory-bound tensor ops on square FLOAT32 matrices of 2^20 (1024 x 1024, 4 MiB: fits in no L2
 * here but is small) and 2^24 elements (4096 x 4096, 64 MiB: far beyond every cache).
 *
 * <p>{@code layout = transposed} runs the same ops on {@code a.t()} and {@code b.t()}: views whose
 * memory is dense but whose logical order runs down the columns. An engine that walks the logical
 * order strides through memory; one that notices the shared dense layout (as PyTorch's
 * TensorIterator does) makes the same single contiguous pass as for the contiguous case.
 *
 * <p>JMH reports microseconds per op; {@code bench/compare.py} turns that into GB/s counting each
 * array read or written once (add, mul: 12 bytes per element, tanh: 8, sum: 4) and sets it
 * against the machine's bandwidth: this run's best STREAM triad ({@link StreamTriadBench}, one or
 * two threads). The ops run on all cores, as PyTorch's do (tensorgrad.threads, default all).
 * {@code add}, {@code mul} and {@code tanh} allocate their result, as a user's {@code a.add(b)}
 * does; {@code addOut} and {@code tanhOut} write into a tensor allocated once (PyTorch's
 * {@code out=}): the same pass without the allocation, whose cost is Java zeroing the new array.
 * The forked JVM gets a fixed, pre-touched heap ({@link BenchJvm}), so that allocating a result
 * costs what it costs once the heap has grown, not the first-touch page faults of a growing heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_API, BenchJvm.HUGE_PAGES, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH})
public class ElementwiseBench {

    /** Elements per tensor (log2): 20 or 24, square matrices. */
    @Param({"20", "24"})
    public int log2Size;

    /** {@code contiguous}: row-major tensors; {@code transposed}: their transposes, dense but column-first. */
    @Param({"contiguous", "transposed"})
    public String layout;

    private Tensor a;
    private Tensor b;
    private Tensor out;

    /** Two random square matrices, transposed views of them for {@code layout = transposed}. */
    @Setup
    public void setUp() {
        int side = 1 << (log2Size / 2);
        Rng rng = new Rng(1);
        a = Tensor.rand(rng, DType.FLOAT32, side, side);
        b = Tensor.rand(rng, DType.FLOAT32, side, side);
        out = Tensor.zeros(DType.FLOAT32, side, side);
        if (layout.equals("transposed")) {
            a = a.t();
            b = b.t();
            out = out.t();
        } else if (!layout.equals("contiguous")) {
            throw new IllegalArgumentException("ElementwiseBench: layout must be contiguous or transposed, got " + layout);
        }
    }

    /** a + b into a new tensor. */
    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    /** a * b into a new tensor. */
    @Benchmark
    public Tensor mul() {
        return a.mul(b);
    }

    /** tanh(a) into a new tensor. */
    @Benchmark
    public Tensor tanh() {
        return a.tanh();
    }

    /** The sum of all elements of a. */
    @Benchmark
    public double sum() {
        return a.sum().item();
    }

    /** a + b into a result allocated once (PyTorch's {@code torch.add(a, b, out=c)}). */
    @Benchmark
    public Tensor addOut() {
        return a.add(b, out);
    }

    /** tanh(a) into a result allocated once. */
    @Benchmark
    public Tensor tanhOut() {
        return a.tanh(out);
    }
}
