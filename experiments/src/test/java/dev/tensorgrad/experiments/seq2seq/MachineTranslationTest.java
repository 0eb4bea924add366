package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.experiments.Experiments;
import dev.tensorgrad.experiments.Main;
import dev.tensorgrad.experiments.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineTranslationTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndTheDecoderInputTable(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new MachineTranslation()), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "seq2seq", "--quick", "--out", dir.toString()));

        Path out = dir.resolve("seq2seq");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        for (String key : List.of("teacher_forced_token_accuracy", "greedy_sequence_accuracy",
                "vertical_greedy_sequence_accuracy")) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(v >= 0 && v <= 1, key + " = " + v + " is not a fraction");
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| w1 | `<sos>` |"), "decoder input table missing");
        assertTrue(report.contains("| w5 | `dog` |"), "teacher-forced w5 should be the ground-truth 'dog'");
        assertTrue(Files.size(out.resolve("loss.png")) > 0);
    }
}
