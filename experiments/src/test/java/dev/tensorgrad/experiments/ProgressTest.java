package dev.tensorgrad.experiments;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    /** Runs 20 steps, one second each on a fake clock, and returns the printed lines. */
    private static List<String> twentyOneSecondSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        Progress p = new Progress("epoch", 20, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        for (int epoch = 1; epoch <= 20; epoch++) {
            now[0] += SECOND;
            p.update(epoch, 1.0 / epoch);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsAtMostOneLineEveryTwoSecondsPlusTheLast() {
        List<String> lines = twentyOneSecondSteps();
        // Steps at 1 s, 3 s, 5 s, ..., 19 s, then the last at 20 s.
        assertEquals(11, lines.size());
        assertEquals("epoch 20/20  loss 0.05000  took 0:20", lines.getLast());
    }

    @Test
    void estimatesTimeLeftFromTheAverageStep() {
        assertEquals("epoch 3/20  loss 0.3333  ETA 0:17", twentyOneSecondSteps().get(1));
    }

    @Test
    void formatsLongTimesWithHours() {
        assertEquals("1:01:05", Progress.clockTime(3665 * SECOND));
        assertEquals("0:42", Progress.clockTime(42 * SECOND));
    }
}
