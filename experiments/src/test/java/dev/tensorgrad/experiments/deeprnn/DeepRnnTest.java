package dev.tensorgrad.experiments.deeprnn;

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

class DeepRnnTest {

    @Test
    void quickRunWritesBothLossesBelowTheUntrainedBaseline(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new DeepRnn()), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "deep-rnn", "--quick", "--out", dir.toString()));

        Path out = dir.resolve("deep-rnn");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        double baseline = assertInstanceOf(Double.class, metrics.get("zero_predictor_loss"));
        for (String key : List.of("loss_1layer", "loss_2layer")) {
            double loss = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(Double.isFinite(loss) && loss >= 0 && loss < baseline, key + " = " + loss + ", baseline " + baseline);
        }
        assertTrue(Files.size(out.resolve("loss_curves.png")) > 0);
    }
}
