package dev.tensorgrad.experiments;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line for a long loop, e.g. {@code epoch 3/20  loss 0.0123  ETA 0:42}.
 *
 * <p>Printing every step would flood the terminal and slow a tight loop, so a line is printed at most
 * once every two seconds, plus always the first and the last step. The estimate of the time left
 * assumes the remaining steps take as long as the average step so far.
 */
public final class Progress {

    /** Minimum time between two lines, in nanoseconds. */
    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final String unit;
    private final long total;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private long lastPrinted = Long.MIN_VALUE;

    /**
     * Starts the clock.
     *
     * @param unit  what one step is called, e.g. "epoch"
     * @param total the number of steps
     * @param out   where the lines go
     * @param clock the time in nanoseconds ({@code System::nanoTime}; tests pass a fake clock)
     * @throws IllegalArgumentException if {@code total} is not positive
     */
    public Progress(String unit, long total, PrintStream out, LongSupplier clock) {
        if (total <= 0) {
            throw new IllegalArgumentException("progress: total must be positive, got " + total);
        }
        this.unit = unit;
        this.total = total;
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /**
     * Reports that {@code done} of the steps are finished, with a short status such as
     * {@code "loss 0.0123"} (may be empty); prints a line if two seconds have passed or this is the last step.
     */
    public void update(long done, String status) {
        long now = clock.getAsLong();
        boolean last = done >= total;
        if (!last && lastPrinted != Long.MIN_VALUE && now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        out.println(line(done, status, now - start));
    }

    /** Reports a finished step with its loss, formatted as {@code loss 0.0123}. */
    public void update(long done, double loss) {
        update(done, String.format(Locale.ROOT, "loss %.4g", loss));
    }

    private String line(long done, String status, long elapsed) {
        StringBuilder s = new StringBuilder().append(unit).append(' ').append(done).append('/').append(total);
        if (!status.isEmpty()) {
            s.append("  ").append(status);
        }
        if (done >= total) {
            s.append("  took ").append(clockTime(elapsed));
        } else if (done > 0) {
            s.append("  ETA ").append(clockTime(elapsed / done * (total - done)));
        }
        return s.toString();
    }

    /** Formats nanoseconds as m:ss, or h:mm:ss from one hour up. */
    static String clockTime(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
