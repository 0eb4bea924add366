package dev.tensorgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * ParallelFor covers every index exactly once, in pieces that start on the alignment grid, and
 * never waits for a thread that has not started.
 */
class ParallelForTest {

    /** Records the ranges handed out, and counts how often each index was visited. */
    private static List<int[]> ranges(int n, int align, int minPerThread, int threads, AtomicIntegerArray visits) {
        List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
        ParallelFor.run(n, align, minPerThread, threads, (from, to) -> {
            ranges.add(new int[] {from, to});
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });
        return ranges;
    }

    @Test
    void everyIndexIsVisitedOnceForManySizesAndThreadCounts() {
        for (int n : new int[] {0, 1, 63, 64, 65, 1000, 4097}) {
            for (int threads = 1; threads <= 4; threads++) {
                AtomicIntegerArray visits = new AtomicIntegerArray(n);
                ranges(n, 64, 10, threads, visits);
                for (int i = 0; i < n; i++) {
                    assertEquals(1, visits.get(i), "index " + i + " of " + n + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void rangesStartOnTheAlignmentGrid() {
        AtomicIntegerArray visits = new AtomicIntegerArray(1000);
        for (int[] range : ranges(1000, 64, 10, 3, visits)) {
            assertEquals(0, range[0] % 64, "range starts at " + range[0]);
        }
    }

    @Test
    void smallLoopsStayOnOneThreadAsOneRange() {
        AtomicIntegerArray visits = new AtomicIntegerArray(100);
        List<int[]> ranges = ranges(100, 64, 64, 4, visits);
        assertEquals(1, ranges.size());
        assertTrue(ranges.get(0)[0] == 0 && ranges.get(0)[1] == 100);
    }

    @Test
    void largeLoopsAreCutIntoSeveralPiecesPerThread() {
        AtomicIntegerArray visits = new AtomicIntegerArray(1 << 12);
        assertEquals(2 * ParallelFor.PIECES_PER_THREAD, ranges(1 << 12, 64, 1 << 10, 2, visits).size());
    }

    @Test
    void theCallingThreadFinishesTheLoopAloneWhenNoWorkerIsFree() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        for (int w = 0; w < ParallelFor.pool().getParallelism(); w++) {
            ParallelFor.pool().execute(() -> awaitUninterruptibly(release));
        }
        try {
            AtomicIntegerArray visits = new AtomicIntegerArray(1 << 12);
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> ranges(1 << 12, 64, 1 << 10, 2, visits));
            for (int i = 0; i < visits.length(); i++) {
                assertEquals(1, visits.get(i), "index " + i);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingPieceIsRethrownAfterEveryPieceInFlightHasFinished() {
        Thread caller = Thread.currentThread();
        CountDownLatch helperStarted = new CountDownLatch(1);
        AtomicBoolean helperFinished = new AtomicBoolean();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelFor.run(1 << 12, 64, 1 << 10, 2,
                (from, to) -> {
                    if (Thread.currentThread() == caller) {
                        awaitQuietly(helperStarted);
                        throw new IllegalStateException("the caller's piece failed");
                    }
                    if (helperStarted.getCount() > 0) {
                        helperStarted.countDown();
                        // Slower than the failing piece, so that returning without waiting would be seen.
                        LockSupport.parkNanos(50_000_000L);
                        helperFinished.set(true);
                    }
                }));
        assertEquals("the caller's piece failed", e.getMessage());
        assertTrue(helperFinished.get(), "the helper's piece ran to its end before run() returned");
    }

    @Test
    void loopsNearIntegerMaxValueAreCoveredExactly() {
        AtomicLong covered = new AtomicLong();
        ParallelFor.run(Integer.MAX_VALUE, 64, 1 << 17, 2, (from, to) -> covered.addAndGet(to - from));
        assertEquals(Integer.MAX_VALUE, covered.get());
    }

    /** Blocks until the latch opens, with no time limit (the test opens it in a finally block). */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rejectsNonPositiveThreadCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelFor.run(10, 1, 1, 0, (from, to) -> { }));
        assertTrue(e.getMessage().contains("threads = 0"), e.getMessage());
    }

    @Test
    void defaultThreadsReadsSystemPropertyElseProcessorCount() {
        String saved = System.getProperty("tensorgrad.threads");
        try {
            System.clearProperty("tensorgrad.threads");
            assertEquals(Runtime.getRuntime().availableProcessors(), ParallelFor.defaultThreads());
            System.setProperty("tensorgrad.threads", "3");
            assertEquals(3, ParallelFor.defaultThreads());
            System.setProperty("tensorgrad.threads", "zero");
            assertThrows(IllegalArgumentException.class, ParallelFor::defaultThreads);
        } finally {
            if (saved == null) {
                System.clearProperty("tensorgrad.threads");
            } else {
                System.setProperty("tensorgrad.threads", saved);
            }
        }
    }
}
