package dev.tensorgrad.experiments.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsTest {

    @Test
    void nanIsRejectedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Metrics().put("task1_final_loss", Double.NaN));
        assertEquals("metrics: task1_final_loss is NaN; metrics.json holds only finite numbers", e.getMessage());
    }

    @Test
    void infinityInsideAnArrayIsRejectedNamingTheIndex() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Metrics().put("w2_singular_values", new double[]{1, Double.POSITIVE_INFINITY}));
        assertEquals("metrics: w2_singular_values[1] is Infinity; metrics.json holds only finite numbers", e.getMessage());
    }

    @Test
    void aKeyCanBeSetOnlyOnce() {
        Metrics m = new Metrics().put("loss", 1.0);
        assertThrows(IllegalArgumentException.class, () -> m.put("loss", 2.0));
    }

    @Test
    void keysMustBeSnakeCase() {
        assertThrows(IllegalArgumentException.class, () -> new Metrics().put("Test Accuracy", 1.0));
    }

    @Test
    void writesSortedKeysAsJsonThatReadsBackToTheSameValues(@TempDir Path dir) throws Exception {
        Metrics m = new Metrics().put("z_flag", true).put("a_loss", 0.0123).put("m_values", new double[]{1, 2.5, 1e-30});
        Path file = dir.resolve("metrics.json");
        m.write(file);
        String text = Files.readString(file);
        assertEquals("{\n  \"a_loss\": 0.0123,\n  \"m_values\": [1, 2.5, 1.0E-30],\n  \"z_flag\": true\n}\n", text);
        assertEquals(Map.of("a_loss", 0.0123, "m_values", List.of(1.0, 2.5, 1e-30), "z_flag", true), Json.parse(text));
    }

    @Test
    void writingReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.json");
        new Metrics().put("x", 1).write(file);
        new Metrics().put("x", 2).write(file);
        assertEquals(Map.of("x", 2.0), Json.parse(Files.readString(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
