package dev.tensorgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Checks that training steps reach a steady state: runs {@link BpttBench} steps (fused or composed)
 * and, every {@code stepsPerRound} steps, collects garbage and reads the heap still in use. If a
 * step kept something alive (a graph never freed, a growing cache) the live heap would climb round
 * after round; in a steady state it stays flat after the first rounds.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       dev.tensorgrad.bench.SteadyStateHeap [config [rounds [stepsPerRound [fused|composed]]]]
 * </pre>
 *
 * Prints the live heap after each round and the growth from the second round to the last; exits
 * with status 1 if that growth exceeds {@link #LEAK_BYTES_PER_STEP} bytes per step: less than
 * the smallest object a leaking step could keep with its graph (a tensor, a node and their arrays).
 */
public final class SteadyStateHeap {
    /** Growth per step above which the heap counts as growing. */
    static final long LEAK_BYTES_PER_STEP = 32;

    private SteadyStateHeap() {
    }

    /**
     * Runs the check.
     *
     * @param args optional config "B,T,I,H,layers" (default "32,100,1,64,2"), rounds (default 10,
     *             at least 3), steps per round (default 50) and variant ("fused", the default, or "composed")
     */
    public static void main(String[] args) {
        String config = args.length > 0 ? args[0] : "32,100,1,64,2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int stepsPerRound = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String variant = args.length > 3 ? args[3] : "fused";
        if (rounds < 3 || stepsPerRound < 1 || !(variant.equals("fused") || variant.equals("composed"))) {
            throw new IllegalArgumentException("SteadyStateHeap: need rounds >= 3, stepsPerRound >= 1 and variant "
                    + "fused or composed, got " + rounds + ", " + stepsPerRound + ", " + variant);
        }
        int[] c = BpttBench.parseConfig(config);
        long activations = 4L * c[0] * c[1] * c[3] * c[4];

        BpttBench bench = new BpttBench();
        bench.config = config;
        bench.setUp();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long second = 0;
        long last = 0;
        for (int round = 1; round <= rounds; round++) {
            for (int s = 0; s < stepsPerRound; s++) {
                if (variant.equals("fused")) {
                    bench.fused();
                } else {
                    bench.composed();
                }
            }
            System.gc();
            last = memory.getHeapMemoryUsage().getUsed();
            if (round == 2) {
                second = last;
            }
            System.out.printf("round %2d: %d steps, live heap after GC %,d bytes%n", round, round * stepsPerRound, last);
        }
        long growth = last - second;
        long steps = (long) (rounds - 2) * stepsPerRound;
        System.out.printf("config %s, %s: growth from round 2 to %d (%d steps): %,d bytes (one step's activations: %,d bytes)%n",
                config, variant, rounds, steps, growth, activations);
        if (growth > LEAK_BYTES_PER_STEP * steps) {
            System.out.printf("the live heap grows by %.0f bytes per step: something a step allocates stays reachable%n",
                    (double) growth / steps);
            System.exit(1);
        }
    }
}
