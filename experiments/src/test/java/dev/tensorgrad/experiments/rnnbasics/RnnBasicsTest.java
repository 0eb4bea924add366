package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.experiments.QuickRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RnnBasicsTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndTheLossCurves(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new RnnBasics(), dir);
        Path out = dir.resolve("rnn-basics");
        double forward = assertInstanceOf(Double.class, metrics.get("forward_max_error"));
        assertTrue(forward < 1e-4, "forward_max_error = " + forward);
        double lossError = assertInstanceOf(Double.class, metrics.get("task_loss_max_error"));
        assertTrue(lossError < 1e-4, "task_loss_max_error = " + lossError);
        for (String key : List.of("task1_final_loss", "task2_final_loss")) {
            double loss = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(Double.isFinite(loss) && loss >= 0, key + " = " + loss);
        }
        assertTrue(Files.size(out.resolve("loss_curves.png")) > 0);
    }
}
