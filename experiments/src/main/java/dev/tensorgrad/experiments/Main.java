package dev.tensorgrad.experiments;

import dev.tensorgrad.experiments.report.AtomicFiles;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.experiments.report.ReportIndex;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code ./tensorgrad} command: lists, runs and reports the experiments, and answers
 * {@code predict-name}. See {@link CommandLine#USAGE}.
 */
public final class Main {

    /** Exit status for a finished command. */
    public static final int OK = 0;
    /** Exit status when an experiment failed or no trained model was found. */
    public static final int FAILED = 1;
    /** Exit status for a malformed command line. */
    public static final int USAGE = 2;

    private final Experiments registry;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * A runner over {@code registry}, printing results to {@code out} and progress and errors to {@code err}.
     */
    public Main(Experiments registry, PrintStream out, PrintStream err) {
        this.registry = registry;
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new Main(Experiments.standard(), System.out, System.err).execute(args));
    }

    /**
     * Parses and runs one command line.
     *
     * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public int execute(String... words) {
        CommandLine cmd;
        try {
            cmd = CommandLine.parse(words);
        } catch (IllegalArgumentException e) {
            err.println("tensorgrad: " + e.getMessage());
            err.println("run `./tensorgrad help` for usage");
            return USAGE;
        }
        return switch (cmd.command()) {
            case "help" -> {
                out.print(CommandLine.USAGE);
                yield OK;
            }
            case "list" -> list();
            case "run" -> run(cmd);
            case "predict-name" -> predictName(cmd);
            default -> throw new IllegalStateException("unhandled command " + cmd.command());
        };
    }

    private int list() {
        if (registry.all().isEmpty()) {
            out.println("no experiments yet");
        }
        int width = registry.names().stream().mapToInt(String::length).max().orElse(0);
        for (Experiment e : registry.all()) {
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", e.name(), e.title());
        }
        return OK;
    }

    private int run(CommandLine cmd) {
        List<Experiment> chosen;
        try {
            chosen = registry.select(cmd.args());
        } catch (IllegalArgumentException e) {
            err.println("tensorgrad: " + e.getMessage());
            return USAGE;
        }
        if (chosen.isEmpty()) {
            out.println("no experiments yet");
            return OK;
        }
        List<String> failed = new ArrayList<>();
        for (Experiment e : chosen) {
            if (!runOne(e, cmd)) {
                failed.add(e.name());
            }
        }
        try {
            ReportIndex.write(cmd.outDir(), registry.names());
        } catch (Exception e) {
            err.println("tensorgrad: could not write " + cmd.outDir().resolve("README.md") + ": " + e.getMessage());
            return FAILED;
        }
        out.println("summary: " + cmd.outDir().resolve("README.md"));
        if (!failed.isEmpty()) {
            err.println("tensorgrad: failed: " + String.join(", ", failed));
            return FAILED;
        }
        return OK;
    }

    /**
     * Runs one experiment and writes its files. The run writes into a fresh folder beside
     * {@code <out>/<name>}, swapped in only once every file is written: a failure is reported and
     * leaves the previous run's folder exactly as it was (or no folder, if there was none).
     */
    private boolean runOne(Experiment e, CommandLine cmd) {
        Path dir = cmd.outDir().resolve(e.name());
        err.println("== " + e.name() + ": " + e.title());
        long start = System.nanoTime();
        Path staging = null;
        try {
            staging = AtomicFiles.newSiblingFolder(dir);
            RunContext ctx = new RunContext(cmd.seed(), cmd.quick(), staging, cmd.dataDir(), cmd.mnistDir(),
                    err, new Metrics(), new Report(e.name(), e.title()));
            e.run(ctx);
            for (var claim : ctx.report().claims()) {
                if (!ctx.metrics().has(claim.key())) {
                    throw new IllegalStateException("claim '" + claim.text() + "' names metric '" + claim.key()
                            + "', which the experiment did not record");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ctx.report().text(String.format(Locale.ROOT, "Run with seed %d, %s sizes, in %.1f s.",
                    cmd.seed(), cmd.quick() ? "quick (`--quick`)" : "default", seconds));
            ctx.metrics().write(staging.resolve("metrics.json"));
            ctx.report().write(staging);
            AtomicFiles.replaceFolder(staging, dir);
            out.printf(Locale.ROOT, "%s: %s (%.1f s)%n", e.name(), dir.resolve("report.md"), seconds);
            return true;
        } catch (Exception | AssertionError ex) {
            err.println("tensorgrad: experiment " + e.name() + " failed: " + ex);
            ex.printStackTrace(err);
            deleteStaging(staging);
            return false;
        }
    }

    /** Removes a failed run's half-written folder; a problem doing so is reported, not thrown. */
    private void deleteStaging(Path staging) {
        if (staging == null) {
            return;
        }
        try {
            AtomicFiles.deleteRecursively(staging);
        } catch (Exception e) {
            err.println("tensorgrad: could not delete " + staging + ": " + e.getMessage());
        }
    }

    private int predictName(CommandLine cmd) {
        Path namesDir = cmd.outDir().resolve("names");
        Optional<NamePredictor> predictor;
        try {
            predictor = registry.namePredictor().load(namesDir);
        } catch (Exception e) {
            err.println("tensorgrad: cannot read the trained names model in " + namesDir + ": " + e.getMessage());
            return FAILED;
        }
        if (predictor.isEmpty()) {
            err.println("no trained names model: run `./tensorgrad run names` first");
            return FAILED;
        }
        for (String name : cmd.args()) {
            out.println(name);
            try {
                for (NamePredictor.Guess g : predictor.get().top(name, 3)) {
                    out.printf(Locale.ROOT, "  %-12s %5.1f%%%n", g.language(), 100 * g.probability());
                }
            } catch (IllegalArgumentException e) {
                err.println("tensorgrad: " + e.getMessage());
                return FAILED;
            }
        }
        return OK;
    }
}
