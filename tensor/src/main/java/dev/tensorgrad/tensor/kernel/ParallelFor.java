package dev.tensorgrad.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A loop over {@code [0, n)} cut into one contiguous range per thread, like PyTorch's
 * {@code at::parallel_for}. Ranges start at multiples of {@code align}, so a SIMD kernel run on a
 * range splits it into vector body and scalar tail exactly where it would split the whole loop:
 * every element is computed the same way whatever the thread count, and results are bit-identical.
 */
public final class ParallelFor {
    /** Daemon workers shared by all calls; they hold no data, so earlier calls cannot affect later ones. */
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    /** The body of the loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        /** Runs the loop body for {@code from <= i < to}. */
        void run(int from, int to);
    }

    private ParallelFor() {
    }

    /**
     * Runs {@code body} over {@code [0, n)} on up to {@code threads} threads, giving each at least
     * {@code minPerThread} indices (fewer threads when n is small; waking a thread costs
     * microseconds). The calling thread runs the first range itself.
     *
     * @throws IllegalArgumentException if n is negative, or align, minPerThread or threads is below 1
     */
    public static void run(int n, int align, int minPerThread, int threads, Range body) {
        if (n < 0 || align < 1 || minPerThread < 1 || threads < 1) {
            throw new IllegalArgumentException("ParallelFor: need n >= 0 and align, minPerThread, threads >= 1, got n = "
                    + n + ", align = " + align + ", minPerThread = " + minPerThread + ", threads = " + threads);
        }
        int parts = Math.max(1, Math.min(threads, n / minPerThread));
        if (parts == 1) {
            body.run(0, n);
            return;
        }
        // Each range a whole number of aligned blocks; the last one takes what is left.
        long blocks = (n + (long) align - 1) / align;
        int step = (int) Math.min(n, (blocks + parts - 1) / parts * align);
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[parts];
        for (int t = 1; t < parts; t++) {
            int from = (int) Math.min(n, (long) t * step);
            int to = (int) Math.min(n, (long) from + step);
            forked[t] = POOL.submit(() -> body.run(from, to));
        }
        try {
            body.run(0, Math.min(n, step));
        } finally {
            // Wait for every range even if this one failed: none may still be writing once we return.
            for (int t = 1; t < parts; t++) {
                forked[t].quietlyJoin();
            }
        }
        for (int t = 1; t < parts; t++) {
            forked[t].join(); // rethrows what a worker threw
        }
    }

    /**
     * Thread count for callers that do not choose one: the system property
     * {@code tensorgrad.threads} if set, else {@link Runtime#availableProcessors()}.
     *
     * @throws IllegalArgumentException if {@code tensorgrad.threads} is not a positive integer
     */
    public static int defaultThreads() {
        String property = System.getProperty("tensorgrad.threads");
        if (property == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(property.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below, which names the property
        }
        throw new IllegalArgumentException("tensorgrad.threads must be a positive integer, got '" + property + "'");
    }

    /** The shared workers, for kernels that split their work differently (GEMM splits C into blocks). */
    static ForkJoinPool pool() {
        return POOL;
    }
}
