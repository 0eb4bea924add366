package dev.tensorgrad.experiments.names;

import dev.tensorgrad.experiments.Experiments;
import dev.tensorgrad.experiments.Main;
import dev.tensorgrad.experiments.NamePredictor;
import dev.tensorgrad.experiments.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameClassificationTest {

    @TempDir
    static Path reports;

    /** One quick run shared by the tests: training is the slow part. */
    @BeforeAll
    static void runQuick() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new NameClassification()), RnnNamePredictor::load), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "names", "--quick", "--out", reports.toString(),
                "--data", Path.of("..", "data").toString()));
    }

    @Test
    void quickRunWritesEveryRequiredMetricAndFigure() throws IOException {
        Path out = reports.resolve("names");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        for (String key : List.of("train_accuracy", "test_accuracy", "test_macro_f1")) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(v >= 0 && v <= 1, key + " = " + v + " is not a fraction");
        }
        // Even one quick epoch beats always answering Russian (about half the test names) by a little.
        assertTrue((Double) metrics.get("test_accuracy") > 0.5, "test accuracy " + metrics.get("test_accuracy"));
        for (String file : List.of("confusion.png", "training.png", RnnNamePredictor.FILE)) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }

    @Test
    void savedModelPredictsTopThreeSortedWithProbabilitiesSummingToAtMostOne() throws IOException {
        NamePredictor predictor = RnnNamePredictor.load(reports.resolve("names")).orElseThrow();
        List<NamePredictor.Guess> top = predictor.top("Nakamura", 3);
        assertEquals(3, top.size());
        double sum = 0;
        for (int i = 0; i < top.size(); i++) {
            sum += top.get(i).probability();
            if (i > 0) {
                assertTrue(top.get(i - 1).probability() >= top.get(i).probability(), "not sorted: " + top);
            }
        }
        assertTrue(sum <= 1 + 1e-9 && sum > 0, "top-3 probabilities sum to " + sum);
    }

    @Test
    void predictNameCommandPrintsThreeLanguagesAfterATrainingRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new NameClassification()), RnnNamePredictor::load),
                new PrintStream(out, true, StandardCharsets.UTF_8), quiet);
        assertEquals(Main.OK, main.execute("predict-name", "Nakamura", "--out", reports.toString()));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Nakamura", lines.getFirst());
        assertEquals(4, lines.size(), "name and three guesses: " + lines);
    }

    @Test
    void missingCheckpointMeansNoModel(@TempDir Path empty) throws IOException {
        assertTrue(RnnNamePredictor.load(empty).isEmpty());
    }

    @Test
    void truncatedCheckpointIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(reports.resolve("names").resolve(RnnNamePredictor.FILE));
        Path bad = dir.resolve(RnnNamePredictor.FILE);
        Files.write(bad, Arrays.copyOf(good, good.length / 2));
        IOException e = assertThrows(IOException.class, () -> RnnNamePredictor.load(dir));
        assertTrue(e.getMessage().contains(RnnNamePredictor.FILE), e.getMessage());
    }

    @Test
    void predictNameCommandFailsClearlyOnACorruptCheckpoint(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("names"));
        Files.writeString(dir.resolve("names").resolve(RnnNamePredictor.FILE), "not a checkpoint");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(new Experiments(List.of(new NameClassification()), RnnNamePredictor::load),
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.FAILED, main.execute("predict-name", "Nakamura", "--out", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read the trained names model"), err.toString());
    }

    @Test
    void nameWithAnUnknownCharacterIsRejected() throws IOException {
        NamePredictor predictor = RnnNamePredictor.load(reports.resolve("names")).orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> predictor.top("Ωmega", 3));
        assertTrue(e.getMessage().contains("U+03A9"), e.getMessage());
    }
}
