package dev.tensorgrad.experiments.spectral;

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

class SpectralClusteringTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndFigure(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Main main = new Main(new Experiments(List.of(new SpectralClustering()), d -> Optional.empty()), quiet, quiet);
        assertEquals(Main.OK, main.execute("run", "spectral-clustering", "--quick", "--out", dir.toString()));

        Path out = dir.resolve("spectral-clustering");
        Map<?, ?> metrics = (Map<?, ?>) Json.parse(Files.readString(out.resolve("metrics.json")));
        for (String key : List.of("ari_kmeans_raw", "ari_svd_symnorm", "ari_svd_stochastic")) {
            double ari = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(ari >= -1 && ari <= 1, key + " = " + ari + " is not an adjusted Rand index");
        }
        assertInstanceOf(Boolean.class, metrics.get("adjacency_symmetric"));
        for (String png : List.of("truth.png", "kmeans_raw.png", "svd_symnorm.png", "svd_stochastic.png")) {
            assertTrue(Files.size(out.resolve(png)) > 0, png);
        }
    }
}
