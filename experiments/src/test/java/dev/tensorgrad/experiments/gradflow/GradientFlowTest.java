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

    private static final List<String> RHOS = List.of("0.5", "0.9", "1.0", "1.1", "1.5", "2.0", "3.0");

    @Test
    void quickRunWritesEveryRatioAndHiddenMagnitudeOfBothFamiliesAndThePlots(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new GradientFlow(), dir);
        Path out = dir.resolve("gradient-flow");
        List<String> keys = new ArrayList<>(List.of("linear_closed_form_max_rel_error",
                "last_term_vs_last_only_max_rel_diff"));
        for (String family : List.of("rotation", "identity")) {
            keys.add("relu_active_fraction_" + family);
            for (String act : List.of("none", "tanh", "relu")) {
                for (String rho : RHOS) {
                    keys.add("max_abs_hidden_" + family + "_" + act + "_" + rho);
                    for (String loss : List.of("true", "false", "last_term")) {
                        keys.add("ratio_first_last_" + family + "_" + act + "_" + rho + "_" + loss);
                    }
                }
            }
            for (String rho : List.of("1.1", "1.5", "2.0", "3.0")) {
                keys.add("ratio_first_last_near_zero_" + family + "_tanh_" + rho);
                keys.add("max_abs_hidden_near_zero_" + family + "_tanh_" + rho);
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
        for (String act : List.of("tanh", "relu")) {
            assertTrue(Files.size(out.resolve("grad_norm_" + act + "_last_only_identity.png")) > 0);
        }
        assertTrue(Files.size(out.resolve("hidden_magnitude.png")) > 0);
        assertTrue(Files.size(out.resolve("hidden_magnitude_identity.png")) > 0);
        assertTrue(Files.size(out.resolve("grad_norm_last_term.png")) > 0);
    }
}
