package dev.tensorgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Checks that training steps reach a steady state: runs fused {@link BpttBench} steps and, every
 * {@code stepsPerRound} steps, collects garbage and reads the heap still in use. If a step kept
 * something alive (a graph never freed, a growing cache) the live heap would climb round after
 * round; in a steady state it stays flat after the first rounds.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       dev.tensorgrad.bench.SteadyStateHeap [config [rounds [stepsPerRound]]]
 * </pre>
 *
 * Prints the live heap after each round and the growth from the second round to the last; exits
 * with status 1 if that growth exceeds one step's saved activations (B·T·H·layers·4 bytes).
 */
public final class SteadyStateHeap {
    private SteadyStateHeap() {
    }

    /**
     * Runs the check.
     *
     * @param args optional config "B,T,I,H,layers" (default "32,100,1,64,2"), rounds (default 10)
     *             and steps per round (default 50)
     */
    public static void main(String[] args) {
        String config = args.length > 0 ? args[0] : "32,100,1,64,2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int stepsPerRound = args.length > 2 ? Integer.parseInt(args[2]) : 50;
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
                bench.fused();
            }
            System.gc();
            last = memory.getHeapMemoryUsage().getUsed();
            if (round == 2) {
                second = last;
            }
            System.out.printf("round %2d: %d steps, live heap after GC %,d bytes%n", round, round * stepsPerRound, last);
        }
        long growth = last - second;
        System.out.printf("config %s: growth from round 2 to %d: %,d bytes (one step's activations: %,d bytes)%n",
                config, rounds, growth, activations);
        if (growth > activations) {
            System.out.println("the live heap grows: something a step allocates stays reachable");
            System.exit(1);
        }
    }
}
