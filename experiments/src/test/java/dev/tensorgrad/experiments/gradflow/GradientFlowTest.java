package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.experiments.QuickRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientFlowTest {

    @Test
    void quickRunWritesEveryRatioAndHiddenMagnitudeAndThePlots(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new GradientFlow(), dir);
        Path out = dir.resolve("gradient-flow");
        List<String> keys = new ArrayList<>(List.of("linear_closed_form_max_rel_error", "tanh_max_abs_hidden",
                "relu_max_abs_hidden"));
        for (String act : List.of("none", "tanh", "relu")) {
            for (String rho : List.of("0.5", "0.9", "1.0", "1.1", "1.5")) {
                for (String lastOnly : List.of("true", "false")) {
                    keys.add("ratio_first_last_" + act + "_" + rho + "_" + lastOnly);
                }
            }
        }
        for (String key : keys) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(Double.isFinite(v) && v >= 0, key + " = " + v);
        }
        double closedForm = (Double) metrics.get("linear_closed_form_max_rel_error");
        assertTrue(closedForm < 1e-8, "linear_closed_form_max_rel_error = " + closedForm);
        for (String act : List.of("none", "tanh", "relu")) {
            for (String lastOnly : List.of("last_only", "all_steps")) {
                assertTrue(Files.size(out.resolve("grad_norm_" + act + "_" + lastOnly + ".png")) > 0);
            }
        }
        assertTrue(Files.size(out.resolve("hidden_magnitude.png")) > 0);
    }
}
