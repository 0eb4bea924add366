package dev.tensorgrad.experiments;

import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    /** A test-only experiment: records its seed and quick flag, and one claim that holds. */
    private static final class Fake implements Experiment {
        private final String name;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return "Fake " + name;
        }

        @Override
        public void run(RunContext ctx) {
            ctx.metrics().put("seed", ctx.seed()).put("quick", ctx.quick());
            ctx.report().question("Does " + name + " run?");
            ctx.report().claim(Claim.atLeast(name + " ran", ctx.metrics(), "seed", 0));
        }
    }

    private static final class Failing implements Experiment {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String title() {
            return "Broken";
        }

        @Override
        public void run(RunContext ctx) throws Exception {
            // A figure is written before the failure, as a real experiment would.
            Files.writeString(ctx.file("figure.svg"), "<svg/>");
            throw new IllegalStateException("diverged");
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main main(Experiment... experiments) {
        return new Main(new Experiments(List.of(experiments), dir -> Optional.empty()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listPrintsNamesAndTitlesInRegistryOrder() {
        assertEquals(Main.OK, main(new Fake("b-two"), new Fake("a")).execute("list"));
        assertEquals("b-two  Fake b-two\na      Fake a\n", out().replace("\r", ""));
    }

    @Test
    void runAllWithNoExperimentsSaysSo(@TempDir Path dir) {
        assertEquals(Main.OK, main().execute("run", "all", "--out", dir.toString()));
        assertEquals("no experiments yet\n", out().replace("\r", ""));
    }

    @Test
    void unknownExperimentIsAUsageErrorListingTheKnownOnes(@TempDir Path dir) {
        assertEquals(Main.USAGE, main(new Fake("a"), new Fake("b")).execute("run", "c", "--out", dir.toString()));
        assertTrue(err().contains("unknown experiment 'c'; known: a, b"), err());
    }

    @Test
    void runWritesMetricsReportAndClaimsWithTheGivenSeed(@TempDir Path dir) throws Exception {
        assertEquals(Main.OK, main(new Fake("a")).execute("run", "a", "--seed", "5", "--quick", "--out", dir.toString()));
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("a/metrics.json")));
        assertEquals(Map.of("seed", 5.0, "quick", true), metrics);
        assertTrue(Files.readString(dir.resolve("a/report.md")).startsWith("# Fake a\n\n## Question\n\n> Does a run?"));
        assertTrue(Files.isRegularFile(dir.resolve("a/claims.json")));
    }

    @Test
    void readmeGathersClaimsOfEveryReportInTheOutFolderInRegistryOrder(@TempDir Path dir) throws Exception {
        Main main = main(new Fake("second"), new Fake("first"));
        main.execute("run", "first", "--out", dir.toString());
        main.execute("run", "second", "--out", dir.toString());
        List<String> rows = Files.readAllLines(dir.resolve("README.md")).stream().filter(l -> l.startsWith("| [")).toList();
        assertEquals(List.of(
                "| [second](second/report.md) | second ran | `seed` | 0 | yes |",
                "| [first](first/report.md) | first ran | `seed` | 0 | yes |"), rows);
    }

    @Test
    void failingExperimentDoesNotStopTheOthersAndExitsWithFailure(@TempDir Path dir) {
        int status = main(new Failing(), new Fake("a")).execute("run", "all", "--out", dir.toString());
        assertEquals(Main.FAILED, status);
        assertTrue(err().contains("experiment broken failed: java.lang.IllegalStateException: diverged"), err());
        assertTrue(Files.isRegularFile(dir.resolve("a/metrics.json")));
        assertFalse(Files.exists(dir.resolve("broken/metrics.json")));
    }

    @Test
    void failedRunLeavesThePreviousRunsFilesExactlyAsTheyWere(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/report.md"), "previous report");
        Files.writeString(dir.resolve("broken/figure.svg"), "previous figure");
        assertEquals(Main.FAILED, main(new Failing()).execute("run", "broken", "--out", dir.toString()));
        assertEquals("previous report", Files.readString(dir.resolve("broken/report.md")));
        assertEquals("previous figure", Files.readString(dir.resolve("broken/figure.svg")));
        try (var names = Files.list(dir)) {
            assertEquals(List.of("README.md", "broken"), names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void successfulRunReplacesTheWholeFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/stale.png"), "from an older version");
        assertEquals(Main.OK, main(new Fake("a")).execute("run", "a", "--out", dir.toString()));
        try (var names = Files.list(dir.resolve("a"))) {
            assertEquals(List.of("claims.json", "metrics.json", "report.md"),
                    names.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var names = Files.list(dir)) {
            assertEquals(List.of("README.md", "a"), names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void predictNameWithoutTrainedModelTellsHowToTrainOne(@TempDir Path dir) {
        assertEquals(Main.FAILED, main().execute("predict-name", "Nakamura", "--out", dir.toString()));
        assertEquals("no trained names model: run `./tensorgrad run names` first\n", err().replace("\r", ""));
    }

    @Test
    void predictNamePrintsTheTopThreeFromTheRegisteredModel(@TempDir Path dir) {
        NamePredictor model = (name, k) -> List.of(new NamePredictor.Guess("Japanese", 0.9),
                new NamePredictor.Guess("Chinese", 0.06), new NamePredictor.Guess("Korean", 0.04));
        Main main = new Main(new Experiments(List.of(), d -> Optional.of(model)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.OK, main.execute("predict-name", "Nakamura", "--out", dir.toString()));
        assertEquals("Nakamura\n  Japanese      90.0%\n  Chinese        6.0%\n  Korean         4.0%\n",
                out().replace("\r", ""));
    }

    @Test
    void badCommandLineIsAUsageError() {
        assertEquals(Main.USAGE, main().execute("--seed"));
        assertTrue(err().contains("--seed needs a value"), err());
    }
}
