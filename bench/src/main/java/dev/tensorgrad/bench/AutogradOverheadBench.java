package dev.tensorgrad.bench;

import dev.tensorgrad.autograd.Variable;
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
 * What the engine costs per op when the arithmetic is free: a chain of {@code length} scalar
 * multiplies {@code y = y * 1.0001} starting from a one-element leaf, then {@code backward()}
 * through all of them. This is exactly what {@code ../shared/peers/rnn_torch.py} times for
 * PyTorch's autograd overhead, so the two figures compare directly.
 *
 * <p>JMH reports microseconds per chain; {@code bench/compare.py} divides by {@code length} to get
 * nanoseconds per op (one forward op, its recording, and its share of the backward walk).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_API, BenchJvm.HUGE_PAGES, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH})
public class AutogradOverheadBench {

    /** Ops in the chain, as in the PyTorch script. */
    @Param({"10000"})
    public int length;

    private Variable x;

    /** The leaf the chain starts from: a one-element FLOAT32 tensor that requires grad. */
    @Setup
    public void setUp() {
        x = Variable.param(Tensor.ones(1));
    }

    /** Forward through {@code length} multiplies, then backward; returns the leaf's gradient. */
    @Benchmark
    public double chain() {
        x.zeroGrad();
        Variable y = x;
        for (int i = 0; i < length; i++) {
            y = y.mul(1.0001);
        }
        y.backward();
        return x.grad().item();
    }
}
