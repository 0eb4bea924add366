package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.experiments.QuickRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralClusteringTest {

    @Test
    void quickRunWritesEveryRequiredMetricAndFigure(@TempDir Path dir) throws Exception {
        Map<?, ?> metrics = QuickRun.metrics(new SpectralClustering(), dir);
        Path out = dir.resolve("spectral-clustering");
        for (String key : List.of("ari_kmeans_raw", "ari_svd_symnorm", "ari_svd_stochastic", "mean_ari_kmeans_raw",
                "mean_ari_svd_symnorm", "mean_ari_svd_stochastic")) {
            double ari = assertInstanceOf(Double.class, metrics.get(key), key);
            assertTrue(ari >= -1 && ari <= 1, key + " = " + ari + " is not an adjusted Rand index");
        }
        assertInstanceOf(Boolean.class, metrics.get("adjacency_symmetric"));
        List<?> gammas = assertInstanceOf(List.class, metrics.get("sweep_gammas"));
        for (String key : List.of("sweep_mean_ari_svd_symnorm", "sweep_mean_ari_svd_stochastic")) {
            assertEquals(gammas.size(), assertInstanceOf(List.class, metrics.get(key), key).size(), key);
        }
        for (String png : List.of("truth.png", "kmeans_raw.png", "svd_symnorm.png", "svd_stochastic.png",
                "ari_vs_gamma.png")) {
            assertTrue(Files.size(out.resolve(png)) > 0, png);
        }
    }
}
