package dev.tensorgrad.experiments;

/**
 * One reproduction of a homework problem, run by {@code ./tensorgrad run NAME}.
 *
 * <p>{@link #run} fills {@link RunContext#metrics()} and {@link RunContext#report()} and writes its
 * figures into {@link RunContext#outDir()}; the runner then writes {@code metrics.json},
 * {@code report.md} and {@code claims.json}, swaps the folder in place of the previous run's, and
 * rebuilds {@code reports/README.md}. The same seed must give the same metrics.
 */
public interface Experiment {

    /** The command-line name: lower-case words joined by '-', e.g. {@code gradient-flow}. */
    String name();

    /** The report's title, naming the homework part, e.g. "Gradient flow through an RNN (1d-1g)". */
    String title();

    /**
     * Runs the experiment.
     *
     * @throws Exception anything that stops the run; the runner reports it and goes on to the next experiment
     */
    void run(RunContext ctx) throws Exception;
}
