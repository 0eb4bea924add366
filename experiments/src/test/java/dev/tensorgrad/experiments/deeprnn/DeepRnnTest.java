package dev.tensorgrad.experiments.deeprnn;

import dev.tensorgrad.experiments.QuickRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepRnnTest {

    @Test
    void quickRunWritesBothLossesBelowTheUntrainedBaseline(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new DeepRnn(), dir);
        Path out = dir.resolve("deep-rnn");
        double baseline = assertInstanceOf(Double.class, metrics.get("zero_predictor_loss"));
        for (String key : List.of("loss_1layer", "loss_2layer")) {
            double loss = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(Double.isFinite(loss) && loss >= 0 && loss < baseline, key + " = " + loss + ", baseline " + baseline);
        }
        assertTrue(Files.size(out.resolve("loss_curves.png")) > 0);
    }
}
