package dev.tensorgrad.experiments.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void logScaleLinePlotSurvivesZerosTinyValuesAndInfinity() throws IOException {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("vanishing", new double[][]{{1, 2, 3, 4}, {1, 1e-30, 0, -1}});
        series.put("exploding", new double[][]{{1, 2, 3, 4}, {1, 1e10, Double.POSITIVE_INFINITY, Double.NaN}});
        Path png = dir.resolve("grad.png");
        Plots.line(png, "gradient norms", "t", "norm", true, series);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
    }

    @Test
    void lineSeriesWithMismatchedLengthsIsRejected() {
        Map<String, double[][]> series = Map.of("s", new double[][]{{1, 2}, {1}});
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.line(dir.resolve("x.png"), "t", "x", "y", false, series));
        assertEquals("line: series 's' has 2 x values but 1 y values", e.getMessage());
    }

    @Test
    void imageGridPutsImageKAtRowKDivColsAndColumnKModCols() throws IOException {
        float[][] images = {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        Path png = dir.resolve("grid.png");
        Plots.imageGrid(png, images, 2, 2, 2, 2);
        BufferedImage image = ImageIO.read(png.toFile());
        // The white image is the third: second row, first column; sample its centre.
        int cellW = (image.getWidth() - 3 * 2) / 2;
        int cellH = (image.getHeight() - 3 * 2) / 2;
        int centreX = 2 + cellW / 2;
        assertEquals(0xFFFFFF, image.getRGB(centreX, 2 + cellH + 2 + cellH / 2) & 0xFFFFFF);
        assertEquals(0x000000, image.getRGB(centreX, 2 + cellH / 2) & 0xFFFFFF);
    }

    @Test
    void heatmapLabelsMustMatchTheMatrix() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.heatmap(dir.resolve("h.png"), "cm",
                new double[][]{{1, 2}, {3, 4}}, new String[]{"a"}, new String[]{"a", "b"}));
        assertEquals("heatmap: 2x2 matrix but 1 row labels and 2 column labels", e.getMessage());
    }
}
