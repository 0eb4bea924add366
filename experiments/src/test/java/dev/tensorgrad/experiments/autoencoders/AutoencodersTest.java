package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.experiments.Experiments;
import dev.tensorgrad.experiments.Main;
import dev.tensorgrad.experiments.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoencodersTest {

    @Test
    void quickRunWritesEveryRequiredMetricInRangeAndEveryFigure(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new Autoencoders()), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "autoencoders", "--quick", "--out", dir.toString(),
                "--mnist", Path.of("..", "data", "mnist").toString()));

        Path out = dir.resolve("autoencoders");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        List<String> accuracies = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int k : new int[] {5, 10, 20, 50, 100, 150}) {
            accuracies.add("synthetic_probe_trained_" + k);
            accuracies.add("synthetic_probe_untrained_" + k);
            errors.add("synthetic_recon_" + k);
        }
        for (String model : new String[] {"vanilla", "denoising", "masked"}) {
            accuracies.add("mnist_probe_" + model);
            errors.add("mnist_recon_" + model);
        }
        for (String key : accuracies) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(v >= 0 && v <= 1, key + " = " + v);
        }
        for (String key : errors) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(v >= 0 && v < 10, key + " = " + v);
        }
        for (String png : new String[] {"synthetic_recon.png", "synthetic_probe.png", "mnist_reconstructions.png",
                "mnist_corrupted.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 0, png);
        }
    }
}
