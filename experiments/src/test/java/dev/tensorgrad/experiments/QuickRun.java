package dev.tensorgrad.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tensorgrad.experiments.report.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one experiment as {@code ./tensorgrad run NAME --quick --out DIR} would, for the experiments' tests. */
public final class QuickRun {
    private QuickRun() {
    }

    /** Runs the experiment quietly into {@code dir}, asserts it succeeded, and returns its metrics.json. */
    public static Map<?, ?> metrics(Experiment experiment, Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(experiment), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", experiment.name(), "--quick", "--out", dir.toString()));
        return (Map<?, ?>) Json.parse(Files.readString(dir.resolve(experiment.name()).resolve("metrics.json")));
    }
}
