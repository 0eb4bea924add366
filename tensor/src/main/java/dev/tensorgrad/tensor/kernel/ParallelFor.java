package dev.tensorgrad.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loop over {@code [0, n)} shared among threads, like PyTorch's {@code at::parallel_for}. The
 * loop is cut into a few pieces per thread, and the calling thread and the helpers it wakes take
 * pieces from a shared counter until none are left. A helper that wakes late (waking a parked pool
 * thread can cost tens of microseconds) simply finds fewer pieces, so the loop never waits for a
 * thread that has not started; it only waits for pieces already taken.
 *
 * <p>Pieces start at multiples of {@code align}, so a SIMD kernel run on a piece splits it into
 * vector body and scalar tail exactly where it would split the whole loop: every element is
 * computed the same way whatever thread runs it, and results are bit-identical for any thread count.
 */
public final class ParallelFor {
    /**
     * The processors this JVM may use, read once: {@link Runtime#availableProcessors()} is a system
     * call each time, which cost every elementwise op and matmul over a microsecond on this guest.
     */
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
    /** Daemon workers shared by all calls; they hold no data, so earlier calls cannot affect later ones. */
    private static final ForkJoinPool POOL = new ForkJoinPool(PROCESSORS);
    /** Pieces per thread: enough for a late helper to still take a share, few enough that taking one is cheap. */
    static final int PIECES_PER_THREAD = 4;

    /** The body of the loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        /** Runs the loop body for {@code from <= i < to}. */
        void run(int from, int to);
    }

    private ParallelFor() {
    }

    /**
     * Runs {@code body} over {@code [0, n)} on up to {@code threads} threads, when there are at
     * least {@code minPerThread} indices per thread (fewer threads when n is small: waking a thread
     * costs microseconds). The calling thread takes part, and returns once no piece is running.
     * If the body throws, the pieces not yet started are skipped and the first failure is rethrown
     * (later ones are attached to it as suppressed).
     *
     * @throws IllegalArgumentException if n is negative, or align, minPerThread or threads is below 1
     * @throws RuntimeException the first one the body threw, on any thread (an {@link Error} is rethrown as it is)
     */
    public static void run(int n, int align, int minPerThread, int threads, Range body) {
        if (n < 0 || align < 1 || minPerThread < 1 || threads < 1) {
            throw new IllegalArgumentException("ParallelFor: need n >= 0 and align, minPerThread, threads >= 1, got n = "
                    + n + ", align = " + align + ", minPerThread = " + minPerThread + ", threads = " + threads);
        }
        int parts = Math.max(1, Math.min(threads, n / minPerThread));
        runPieces(n, align, parts, parts * PIECES_PER_THREAD, body);
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into one aligned range per thread, for bodies with a
     * fixed cost per call (a GEMM block packs its panels of B); otherwise as {@link #run}.
     */
    static void runOneRangePerThread(int n, int align, int threads, Range body) {
        runPieces(n, align, threads, threads, body);
    }

    /** The calling thread and {@code threads - 1} helpers take the loop's pieces until none are left. */
    private static void runPieces(int n, int align, int threads, int wantedPieces, Range body) {
        if (threads == 1) {
            body.run(0, n);
            return;
        }
        Pieces pieces = new Pieces(n, align, wantedPieces, body);
        for (int helper = 1; helper < threads; helper++) {
            POOL.execute(pieces::takeUntilNoneLeft);
        }
        pieces.takeUntilNoneLeft();
        pieces.awaitAll();
    }

    /** One call's pieces of [0, n), each a whole number of aligned blocks, handed out in order. */
    private static final class Pieces {
        private final int n;
        private final int size;
        private final int count;
        private final Range body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Pieces(int n, int align, int wanted, Range body) {
            long blocks = (n + (long) align - 1) / align;
            this.n = n;
            this.size = (int) Math.min(n, (blocks + wanted - 1) / wanted * align);
            this.count = (int) ((n + (long) size - 1) / size); // in long: n + size may pass Integer.MAX_VALUE
            this.body = body;
        }

        /** Runs pieces until none are left; after a failure the rest are only counted, not run. */
        void takeUntilNoneLeft() {
            for (int piece = next.getAndIncrement(); piece < count; piece = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        int from = piece * size; // piece < count, so from < n
                        body.run(from, from + Math.min(size, n - from));
                    }
                } catch (Throwable t) {
                    Throwable first = failure.compareAndExchange(null, t);
                    if (first != null && first != t) {
                        first.addSuppressed(t);
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        /** Waits for the pieces helpers are still running (none may be writing once run returns), then rethrows a failure. */
        void awaitAll() {
            while (done.get() < count) {
                Thread.onSpinWait();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("ParallelFor: the loop body failed", t);
            }
        }
    }

    /**
     * Thread count for callers that do not choose one: the system property
     * {@code tensorgrad.threads} if set, else {@link Runtime#availableProcessors()} as it was when
     * this class was loaded (the size of the pool).
     *
     * @throws IllegalArgumentException if {@code tensorgrad.threads} is not a positive integer
     */
    public static int defaultThreads() {
        String property = System.getProperty("tensorgrad.threads");
        if (property == null) {
            return PROCESSORS;
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

    /** The shared workers (tests occupy them to check that a loop never waits for one). */
    static ForkJoinPool pool() {
        return POOL;
    }
}
