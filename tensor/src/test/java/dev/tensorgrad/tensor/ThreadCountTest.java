package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Large elementwise ops and full sums split across threads (tensorgrad.threads) give the same
 * bits for any thread count, and the values of the single-threaded reference.
 */
class ThreadCountTest {
    /** Big enough for three threads, and not a whole number of vectors, so a scalar tail exists. */
    private static final int N = 3 * (1 << 17) + 37;

    private final SplittableRandom random = new SplittableRandom(3);

    /** Runs {@code op} with tensorgrad.threads set to 1, 2 and 3 and returns the three results. */
    private static <T> java.util.List<T> withThreads(Supplier<T> op) {
        String previous = System.getProperty("tensorgrad.threads");
        try {
            java.util.List<T> results = new java.util.ArrayList<>();
            for (int threads = 1; threads <= 3; threads++) {
                System.setProperty("tensorgrad.threads", Integer.toString(threads));
                results.add(op.get());
            }
            return results;
        } finally {
            if (previous == null) {
                System.clearProperty("tensorgrad.threads");
            } else {
                System.setProperty("tensorgrad.threads", previous);
            }
        }
    }

    @Test
    void elementwiseOpsGiveTheSameBitsForAnyThreadCount() {
        for (DType dtype : DType.values()) {
            Tensor a = Layouts.filled(new int[] {N}, dtype, random, -3, 3);
            Tensor b = Layouts.filled(new int[] {N}, dtype, random, 0.5, 3);
            for (UnaryOp op : new UnaryOp[] {UnaryOp.TANH, UnaryOp.EXP, UnaryOp.RELU}) {
                var results = withThreads(() -> a.map(op).toDoubleArray());
                assertArrayEquals(results.get(0), results.get(1), op + " " + dtype + ", 2 threads");
                assertArrayEquals(results.get(0), results.get(2), op + " " + dtype + ", 3 threads");
                assertArrayEquals(Elementwise.unaryStrided(op, a).toDoubleArray(), results.get(1), op + " reference");
            }
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL, BinaryOp.DIV}) {
                var results = withThreads(() -> a.zip(op, b).toDoubleArray());
                assertArrayEquals(results.get(0), results.get(1), op + " " + dtype + ", 2 threads");
                assertArrayEquals(results.get(0), results.get(2), op + " " + dtype + ", 3 threads");
                assertArrayEquals(Elementwise.binaryStrided(op, a, b).toDoubleArray(), results.get(2), op + " reference");
            }
        }
    }

    @Test
    void opsIntoAViewAtAnOffsetGiveTheSameBitsForAnyThreadCount() {
        Tensor a = Layouts.filled(new int[] {N}, DType.FLOAT32, random, -3, 3);
        Tensor b = Layouts.filled(new int[] {N}, DType.FLOAT32, random, -3, 3);
        var results = withThreads(() -> {
            Tensor out = Tensor.zeros(DType.FLOAT32, N + 5).narrow(0, 5, N);
            a.add(b, out);
            Tensor scaled = Tensor.zeros(DType.FLOAT32, N + 3).narrow(0, 3, N).copyFrom(a);
            scaled.addScaledInPlace(0.25, b);
            return new double[][] {out.toDoubleArray(), scaled.toDoubleArray()};
        });
        for (int threads = 2; threads <= 3; threads++) {
            assertArrayEquals(results.get(0)[0], results.get(threads - 1)[0], "add into a view, " + threads + " threads");
            assertArrayEquals(results.get(0)[1], results.get(threads - 1)[1], "axpy on a view, " + threads + " threads");
        }
        assertArrayEquals(a.add(b).toDoubleArray(), results.get(1)[0]);
        assertArrayEquals(a.add(b.mul(0.25)).toDoubleArray(), results.get(1)[1]);
    }

    @Test
    void fullSumGivesTheSameBitsForAnyThreadCount() {
        for (DType dtype : DType.values()) {
            Tensor x = Layouts.filled(new int[] {N}, dtype, random, -1, 1);
            var sums = withThreads(() -> x.sum().item());
            assertEquals(sums.get(0), sums.get(1), 0, dtype + ", 2 threads");
            assertEquals(sums.get(0), sums.get(2), 0, dtype + ", 3 threads");
            double reference = 0;
            for (double v : x.toDoubleArray()) {
                reference += v;
            }
            assertEquals(reference, sums.get(0), 1e-9 * N, "close to the plain loop");
        }
    }
}
