package dev.tensorgrad.experiments.pcaae;

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

class PcaLinearAutoencoderTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndFigure(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new PcaLinearAutoencoder()), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "pca-linear-ae", "--quick", "--out", dir.toString()));

        Path out = dir.resolve("pca-linear-ae");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        double foc = assertInstanceOf(Double.class, metrics.get("foc_residual"));
        double angle = assertInstanceOf(Double.class, metrics.get("max_principal_angle_rad"));
        double gap = assertInstanceOf(Double.class, metrics.get("loss_gap_rel"));
        assertTrue(foc >= 0 && foc < 1, "foc_residual = " + foc);
        assertTrue(angle >= 0 && angle <= Math.PI / 2, "max_principal_angle_rad = " + angle);
        assertTrue(gap > -1e-6, "loss_gap_rel = " + gap + " would mean beating the optimum");
        assertTrue(Files.size(out.resolve("loss.png")) > 0);
    }
}
