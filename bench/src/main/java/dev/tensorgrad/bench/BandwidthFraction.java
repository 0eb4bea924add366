package dev.tensorgrad.bench;

import dev.tensorgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each large elementwise op as a fraction of the machine's memory bandwidth, measured so that the
 * guest's drifting bandwidth cancels out: every call of the op is timed between two STREAM triads
 * ({@link StreamTriadBench}, vector and plain loop, two threads), and the op's GB/s is divided by
 * the faster of those two neighbours. JMH's figures ({@link ElementwiseBench} against a separate
 * triad run) put minutes between the op and its reference, in which this machine's bandwidth moves
 * by up to 40%; here they are milliseconds apart. Prints the median and quartiles of the ratio
 * over many such triples, per op and layout.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xms2g -Xmx2g -XX:+AlwaysPreTouch \
 *       -cp bench/target/benchmarks.jar dev.tensorgrad.bench.BandwidthFraction [log2Size [triples]]
 * </pre>
 *
 * Byte counts are compare.py's (STREAM's: each array read or written once): add, mul 12 bytes per
 * element, tanh 8, sum 4, the triad 12. The ops and their tensors are ElementwiseBench's.
 */
public final class BandwidthFraction {
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private BandwidthFraction() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional log2 of the elements per tensor (default 24, even) and triples per op (default 40)
     */
    public static void main(String[] args) throws Exception {
        int log2Size = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int triples = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        if (log2Size % 2 != 0 || log2Size < 2 || triples < 4) {
            throw new IllegalArgumentException("BandwidthFraction: need an even log2Size >= 2 and triples >= 4, got "
                    + log2Size + ", " + triples);
        }
        StreamTriadBench triad = new StreamTriadBench();
        triad.log2Size = log2Size;
        triad.threads = 2;
        triad.setUp();
        double triadBytes = 12.0 * (1L << log2Size);
        System.out.printf(Locale.ROOT, "2^%d floats, %d triples per op: op GB/s / GB/s of the faster neighbouring triad%n",
                log2Size, triples);
        System.out.printf(Locale.ROOT, "%-8s %-11s %10s %10s %10s %14s%n", "op", "layout", "q1", "median", "q3",
                "median GB/s");
        double checksum = 0;
        for (String layout : new String[] {"contiguous", "transposed"}) {
            ElementwiseBench ops = new ElementwiseBench();
            ops.log2Size = log2Size;
            ops.layout = layout;
            ops.setUp();
            for (Map.Entry<String, Op> op : ops(ops).entrySet()) {
                double bytes = op.getValue().bytesPerElement * (1L << log2Size);
                for (long end = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < end; ) {
                    checksum += op.getValue().call.get();
                    checksum += triad.triadVector()[0] + triad.triadLoop()[0];
                }
                double[] ratios = new double[triples];
                double[] rates = new double[triples];
                for (int t = 0; t < triples; t++) {
                    long start = System.nanoTime();
                    checksum += triad.triadVector()[0];
                    long afterTriad = System.nanoTime();
                    checksum += op.getValue().call.get();
                    long afterOp = System.nanoTime();
                    checksum += triad.triadLoop()[0];
                    long afterLoop = System.nanoTime();
                    double triadSeconds = Math.min(afterTriad - start, afterLoop - afterOp) * 1e-9;
                    rates[t] = bytes / ((afterOp - afterTriad) * 1e-9) / 1e9;
                    ratios[t] = rates[t] / (triadBytes / triadSeconds / 1e9);
                }
                Arrays.sort(ratios);
                Arrays.sort(rates);
                System.out.printf(Locale.ROOT, "%-8s %-11s %9.2fx %9.2fx %9.2fx %14.1f%n", op.getKey(), layout,
                        ratios[triples / 4], ratios[triples / 2], ratios[3 * triples / 4], rates[triples / 2]);
            }
        }
        triad.tearDown();
        // Printed so that no call can be optimised away as unused.
        System.out.println("(checksum " + (checksum != 0) + ")");
    }

    /** An op of ElementwiseBench, with the bytes it moves per element and a value read from its result. */
    private record Op(double bytesPerElement, Supplier<Double> call) {
    }

    private static Map<String, Op> ops(ElementwiseBench bench) {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("add", new Op(12, () -> first(bench.add())));
        ops.put("addOut", new Op(12, () -> first(bench.addOut())));
        ops.put("mul", new Op(12, () -> first(bench.mul())));
        ops.put("tanh", new Op(8, () -> first(bench.tanh())));
        ops.put("tanhOut", new Op(8, () -> first(bench.tanhOut())));
        ops.put("sum", new Op(4, bench::sum));
        return ops;
    }

    private static double first(Tensor result) {
        return result.get(0, 0);
    }
}
