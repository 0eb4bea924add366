package dev.tensorgrad.experiments.regae;

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

class RegularizedLinearAutoencoderTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndFigure(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new RegularizedLinearAutoencoder()), d -> Optional.empty()),
                quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "regularized-linear-ae", "--quick", "--out", dir.toString()));

        Path out = dir.resolve("regularized-linear-ae");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        for (String key : List.of("w2_singular_values", "w2_singular_values_lambda0")) {
            List<?> values = assertInstanceOf(List.class, metrics.get(key), key);
            assertEquals(5, values.size(), key);
        }
        for (String key : List.of("max_abs_dev_from_prediction", "orthonormality_error", "orthonormality_error_lambda0",
                "shrinkage_rel_error", "shrinkage_rel_error_fullbatch")) {
            double v = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(v >= 0, key + " = " + v);
        }
        assertTrue(Files.size(out.resolve("singular_values.png")) > 0);
    }
}
