package dev.tensorgrad.bench;

import com.sun.management.ThreadMXBean;
import dev.tensorgrad.autograd.Variable;
import java.lang.management.ManagementFactory;

/**
 * Where a fused {@link BpttBench} training step allocates: the bytes each phase (zeroGrad, RNN
 * forward, head forward, loss forward, backward, optimizer step) allocates, averaged over many
 * steps after a warm-up, in bytes and as a multiple of the activations the step keeps
 * (B·T·H·layers·4 bytes). This is the breakdown behind the allocation figures of docs/PERFORMANCE.md.
 * It counts the bytes of every thread, as JMH's {@code -prof gc} does: the pool threads that run
 * pieces of a matrix product or of the fused RNN allocate too (GEMM's packed panels).
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       dev.tensorgrad.bench.AllocationPerPhase [config [steps]]
 * </pre>
 */
public final class AllocationPerPhase {
    private static final String[] PHASES = {"zeroGrad", "rnn forward", "head forward", "loss forward", "backward", "step"};
    private static final long WARM_UP_NANOS = 6_000_000_000L;

    private AllocationPerPhase() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional config "B,T,I,H,layers" (default "64,100,32,128,1") and measured steps (default 100)
     */
    public static void main(String[] args) {
        String config = args.length > 0 ? args[0] : "64,100,32,128,1";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int[] c = BpttBench.parseConfig(config);
        double activations = 4.0 * c[0] * c[1] * c[3] * c[4];
        BpttBench b = new BpttBench();
        b.config = config;
        b.setUp();
        // Long enough for C2 to compile the step: the interpreter and C1 allocate what C2 would not.
        for (long end = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < end; ) {
            b.fused();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] bytes = new long[PHASES.length];
        long[] mark = new long[PHASES.length + 1];
        for (int s = 0; s < steps; s++) {
            mark[0] = threads.getTotalThreadAllocatedBytes();
            b.optimizer.zeroGrad();
            mark[1] = threads.getTotalThreadAllocatedBytes();
            Variable output = b.rnn.forward(b.x).output();
            mark[2] = threads.getTotalThreadAllocatedBytes();
            Variable prediction = b.head.forward(output);
            mark[3] = threads.getTotalThreadAllocatedBytes();
            Variable l = b.loss.forward(prediction, b.y);
            mark[4] = threads.getTotalThreadAllocatedBytes();
            l.backward();
            mark[5] = threads.getTotalThreadAllocatedBytes();
            b.optimizer.step();
            mark[6] = threads.getTotalThreadAllocatedBytes();
            for (int p = 0; p < PHASES.length; p++) {
                bytes[p] += mark[p + 1] - mark[p];
            }
        }
        double total = 0;
        System.out.printf("config %s, %d steps, activations %,.0f bytes%n", config, steps, activations);
        for (int p = 0; p < PHASES.length; p++) {
            double perStep = (double) bytes[p] / steps;
            total += perStep;
            System.out.printf("%-13s %,12.0f bytes  %.3fx%n", PHASES[p], perStep, perStep / activations);
        }
        System.out.printf("%-13s %,12.0f bytes  %.3fx%n", "total", total, total / activations);
    }
}
