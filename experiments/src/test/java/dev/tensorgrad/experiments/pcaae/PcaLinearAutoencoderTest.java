package dev.tensorgrad.experiments.pcaae;

import dev.tensorgrad.experiments.QuickRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaLinearAutoencoderTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndFigure(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new PcaLinearAutoencoder(), dir);
        Path out = dir.resolve("pca-linear-ae");
        double foc = assertInstanceOf(Double.class, metrics.get("foc_residual"));
        double angle = assertInstanceOf(Double.class, metrics.get("max_principal_angle_rad"));
        double gap = assertInstanceOf(Double.class, metrics.get("loss_gap_rel"));
        assertTrue(foc >= 0 && foc < 1, "foc_residual = " + foc);
        assertTrue(angle >= 0 && angle <= Math.PI / 2, "max_principal_angle_rad = " + angle);
        assertTrue(gap > -1e-6, "loss_gap_rel = " + gap + " would mean beating the optimum");
        assertTrue(Files.size(out.resolve("loss.png")) > 0);
    }
}
