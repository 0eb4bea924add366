package dev.tensorgrad.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * What a fresh result array costs on this machine, in plain Java (no tensors, one thread): the
 * probe behind "Where we miss" in docs/PERFORMANCE.md. Per array of 2^log2Size floats it times
 * <ul>
 *   <li>{@code new float[n]} alone (Java zeroes it);</li>
 *   <li>an array from {@code jdk.internal.misc.Unsafe.allocateUninitializedArray}, when the JVM
 *       runs with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, after checking
 *       whether such arrays really come back unzeroed (at 2^20 and 2^24 floats they did not);</li>
 *   <li>{@code out[i] = x[i] + y[i]} into a new array, and into one array reused every time.</li>
 * </ul>
 *
 * <pre>
 *   java -XX:+UseTransparentHugePages -Xms2g -Xmx2g -XX:+AlwaysPreTouch \
 *       --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *       -cp bench/target/benchmarks.jar dev.tensorgrad.bench.FreshArrayCost [log2Size [rounds]]
 * </pre>
 */
public final class FreshArrayCost {
    /** Unsafe.allocateUninitializedArray, or null when jdk.internal.misc is not exported to us. */
    private static final MethodHandle UNINITIALIZED = uninitializedArrays();
    /** Each round times about this much work per measurement. */
    private static final long BYTES_PER_MEASUREMENT = 1L << 33;

    private FreshArrayCost() {
    }

    /**
     * Runs the probe and prints one line of times per round.
     *
     * @param args optional log2 of the array length (default 20) and number of rounds (default 5)
     */
    public static void main(String[] args) throws Throwable {
        int n = 1 << (args.length > 0 ? Integer.parseInt(args[0]) : 20);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int reps = (int) Math.max(10, BYTES_PER_MEASUREMENT / (4L * n));
        float[] x = new float[n];
        float[] y = new float[n];
        float[] reused = new float[n];
        long sink = 0;
        System.out.printf("arrays of %,d floats, %d per measurement, µs per array%n", n, reps);
        if (UNINITIALIZED == null) {
            System.out.println("(uninitialised arrays not measured: run with --add-exports java.base/jdk.internal.misc=ALL-UNNAMED)");
        } else {
            System.out.printf("'uninitialised' arrays holding old values: %d of %d%n", arraysHoldingOldValues(n, reps), reps);
        }
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                float[] fresh = new float[n];
                sink += fresh.length;
            }
            long t1 = System.nanoTime();
            for (int r = 0; UNINITIALIZED != null && r < reps; r++) {
                float[] fresh = (float[]) (Object) UNINITIALIZED.invokeExact((Class<?>) float.class, n);
                sink += fresh.length;
            }
            long t2 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                sink += (long) add(x, y, new float[n])[r % n];
            }
            long t3 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                sink += (long) add(x, y, reused)[r % n];
            }
            long t4 = System.nanoTime();
            System.out.printf("round %d: new float[] %.1f, uninitialised %s, add into a new array %.1f, add into a reused array %.1f%n",
                    round, micros(t1 - t0, reps),
                    UNINITIALIZED == null ? "-" : String.format("%.1f", micros(t2 - t1, reps)),
                    micros(t3 - t2, reps), micros(t4 - t3, reps));
        }
        System.out.println(sink == 42 ? "" : "done"); // keeps the JIT from dropping the loops
    }

    /**
     * Allocates arrays with allocateUninitializedArray after filling each with ones before dropping
     * it, and counts those that come back with a one in them: 0 means the JVM zeroed them anyway.
     */
    private static int arraysHoldingOldValues(int n, int reps) throws Throwable {
        int holdingOldValues = 0;
        for (int r = 0; r < reps; r++) {
            float[] fresh = (float[]) (Object) UNINITIALIZED.invokeExact((Class<?>) float.class, n);
            for (int i = 0; i < n; i += 4096) {
                if (fresh[i] != 0) {
                    holdingOldValues++;
                    break;
                }
            }
            Arrays.fill(fresh, 1f);
        }
        return holdingOldValues;
    }

    private static float[] add(float[] x, float[] y, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + y[i];
        }
        return out;
    }

    private static double micros(long nanos, int reps) {
        return nanos / 1e3 / reps;
    }

    private static MethodHandle uninitializedArrays() {
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            Object instance = unsafe.getMethod("getUnsafe").invoke(null);
            return MethodHandles.lookup().findVirtual(unsafe, "allocateUninitializedArray",
                    MethodType.methodType(Object.class, Class.class, int.class)).bindTo(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not exported to the unnamed module: the probe says so and skips it
        }
    }
}
