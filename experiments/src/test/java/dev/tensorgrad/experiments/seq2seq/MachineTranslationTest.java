package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.experiments.QuickRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineTranslationTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndTheDecoderInputTable(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new MachineTranslation(), dir);
        Path out = dir.resolve("seq2seq");
        for (String key : List.of("teacher_forced_token_accuracy", "greedy_sequence_accuracy",
                "vertical_greedy_sequence_accuracy")) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(v >= 0 && v <= 1, key + " = " + v + " is not a fraction");
        }
        // (b) and (c) are about what the decoder reads, so they hold exactly even for a barely trained model.
        for (String key : List.of("teacher_forced_inputs_shifted_reference", "greedy_steps_fed_back",
                "greedy_steps_fed_back_early_example")) {
            assertEquals(1.0, assertInstanceOf(Double.class, metrics.get(key), key), key);
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| w1 | `<sos>` |"), "decoder input table missing");
        assertTrue(report.contains("| w5 | `dog` |"), "teacher-forced w5 should be the ground-truth 'dog'");
        assertTrue(Files.size(out.resolve("loss.png")) > 0);
    }
}
