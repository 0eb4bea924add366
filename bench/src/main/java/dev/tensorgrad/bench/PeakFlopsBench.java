package dev.tensorgrad.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's arithmetic ceiling for one core, measured rather than computed from a clock the
 * hypervisor hides: twelve independent chains of fused multiply-adds on the widest vectors the JVM
 * offers ({@code SPECIES_PREFERRED}), with no memory traffic at all. Twelve chains are more than
 * enough to cover the FMA latency (4 cycles) on two FMA pipes, so the loop runs at the FMA
 * throughput: the roof of the GEMM roofline in {@code docs/PERFORMANCE.md}.
 *
 * <p>Every call does exactly {@link #FLOPS} floating-point operations (an FMA counts as two), so
 * {@code bench/compare.py} turns JMH's time per call into GFLOP/s as {@code FLOPS / time}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_API, BenchJvm.HUGE_PAGES})
public class PeakFlopsBench {
    /** Floating-point operations per call: 2^24. */
    public static final int FLOPS = 1 << 24;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private final float scaleF = 0.999999f;
    private final double scaleD = 0.999999999;

    /** FLOAT32: 12 chains of {@code acc = acc * s + s}, FLOPS / (2 * 12 * lanes) rounds. */
    @Benchmark
    public float fmaFloat() {
        FloatVector s = FloatVector.broadcast(F, scaleF);
        FloatVector a0 = s, a1 = s, a2 = s, a3 = s, a4 = s, a5 = s;
        FloatVector a6 = s, a7 = s, a8 = s, a9 = s, a10 = s, a11 = s;
        for (int r = FLOPS / (2 * CHAINS * F.length()); r > 0; r--) {
            a0 = a0.fma(s, s);
            a1 = a1.fma(s, s);
            a2 = a2.fma(s, s);
            a3 = a3.fma(s, s);
            a4 = a4.fma(s, s);
            a5 = a5.fma(s, s);
            a6 = a6.fma(s, s);
            a7 = a7.fma(s, s);
            a8 = a8.fma(s, s);
            a9 = a9.fma(s, s);
            a10 = a10.fma(s, s);
            a11 = a11.fma(s, s);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .lane(0);
    }

    /** FLOAT64: the same twelve chains on double lanes. */
    @Benchmark
    public double fmaDouble() {
        DoubleVector s = DoubleVector.broadcast(D, scaleD);
        DoubleVector a0 = s, a1 = s, a2 = s, a3 = s, a4 = s, a5 = s;
        DoubleVector a6 = s, a7 = s, a8 = s, a9 = s, a10 = s, a11 = s;
        for (int r = FLOPS / (2 * CHAINS * D.length()); r > 0; r--) {
            a0 = a0.fma(s, s);
            a1 = a1.fma(s, s);
            a2 = a2.fma(s, s);
            a3 = a3.fma(s, s);
            a4 = a4.fma(s, s);
            a5 = a5.fma(s, s);
            a6 = a6.fma(s, s);
            a7 = a7.fma(s, s);
            a8 = a8.fma(s, s);
            a9 = a9.fma(s, s);
            a10 = a10.fma(s, s);
            a11 = a11.fma(s, s);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .lane(0);
    }
}
