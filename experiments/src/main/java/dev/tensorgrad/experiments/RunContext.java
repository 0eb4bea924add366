package dev.tensorgrad.experiments;

import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What an experiment is given to run: its options, where to read and write, and where to record
 * results.
 *
 * @param seed     the seed for every random choice the experiment makes ({@code --seed}, default 0)
 * @param quick    use small sizes so the run takes seconds ({@code --quick}; the test suite uses it)
 * @param outDir   this experiment's own output folder, already created and empty; it becomes
 *                 {@code <--out>/<name>} when the run succeeds (until then it has another name)
 * @param dataDir  the folder holding {@code names/} and {@code mnist/} ({@code --data}, default {@code data})
 * @param mnistDir the folder of MNIST-format idx files ({@code --mnist}, default {@code data/mnist})
 * @param log      where progress and notes go (standard error when run from the command line)
 * @param metrics  the numbers to write to {@code metrics.json}
 * @param report   the page to write to {@code report.md}
 */
public record RunContext(long seed, boolean quick, Path outDir, Path dataDir, Path mnistDir,
                         PrintStream log, Metrics metrics, Report report) {

    /**
     * A progress line for a loop of {@code total} steps, printed to {@link #log()} at most every two seconds.
     *
     * @param unit what one step is called in the line, e.g. "epoch"
     */
    public Progress progress(String unit, long total) {
        return new Progress(unit, total, log, System::nanoTime);
    }

    /** A file in this experiment's output folder, e.g. {@code ctx.file("loss.png")}. */
    public Path file(String name) {
        return outDir.resolve(name);
    }
}
