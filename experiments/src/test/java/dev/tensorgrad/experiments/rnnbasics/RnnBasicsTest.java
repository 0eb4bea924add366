package dev.tensorgrad.experiments.rnnbasics;

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

class RnnBasicsTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndTheLossCurves(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new RnnBasics()), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "rnn-basics", "--quick", "--out", dir.toString()));

        Path out = dir.resolve("rnn-basics");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        double forward = assertInstanceOf(Double.class, metrics.get("forward_max_error"));
        assertTrue(forward < 1e-4, "forward_max_error = " + forward);
        for (String key : List.of("task1_final_loss", "task2_final_loss")) {
            double loss = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(Double.isFinite(loss) && loss >= 0, key + " = " + loss);
        }
        assertTrue(Files.size(out.resolve("loss_curves.png")) > 0);
    }
}
