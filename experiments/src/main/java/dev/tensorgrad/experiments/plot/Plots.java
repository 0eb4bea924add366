package dev.tensorgrad.experiments.plot;

import dev.tensorgrad.experiments.report.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * The figures the experiments draw, as PNG files: line plots (optionally log-scale), scatter plots
 * of labelled points, heat maps such as confusion matrices, and grids of grey-scale images.
 *
 * <p>Line and scatter plots use XChart; heat maps and image grids are drawn with Java2D
 * ({@link Heatmap}, {@link ImageGrid}). Every file is written atomically. Nothing here needs a
 * display: the JVM runs headless.
 */
public final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    /** Ten colours that stay distinct on white (the "tab10" palette of matplotlib). */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    private Plots() {
    }

    /**
     * A line plot with one line per series.
     *
     * <p>On a log-scale y axis, values that are zero or negative cannot be drawn; they are clipped to
     * the smallest positive value in the plot (or 1e-300 if there is none) and the title says so.
     * Non-finite values (a diverged run) leave a gap in their line.
     *
     * @param png    the file to write
     * @param series series name to {@code {x, y}}, two arrays of equal length; drawn in map order
     * @throws IllegalArgumentException if a series is empty or its x and y lengths differ
     * @throws IOException              if the file cannot be written
     */
    public static void line(Path png, String title, String xLabel, String yLabel, boolean logY,
                            Map<String, double[][]> series) throws IOException {
        double floor = logY ? logFloor(series) : 0;
        boolean clipped = false;
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1].clone();
            checkLengths("line", e.getKey(), x, y);
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i])) {
                    y[i] = Double.NaN;
                } else if (logY && y[i] < floor) {
                    y[i] = floor;
                    clipped = true;
                }
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(x.length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (clipped) {
            chart.setTitle(title + String.format(" (values <= 0 drawn at %.0e)", floor));
        }
        save(png, chart);
    }

    /**
     * A scatter plot of 2-D points coloured by group, e.g. cluster assignments; group g is labelled "group g".
     *
     * @param group one group number per point
     * @throws IllegalArgumentException if x, y and group differ in length or are empty
     * @throws IOException              if the file cannot be written
     */
    public static void scatter(Path png, String title, double[] x, double[] y, int[] group) throws IOException {
        checkLengths("scatter", "points", x, y);
        if (group.length != x.length) {
            throw new IllegalArgumentException("scatter: " + x.length + " points but " + group.length + " group labels");
        }
        XYChart chart = chart(title, "x1", "x2");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int g : group) {
            counts.merge(g, 1, Integer::sum);
        }
        for (int g : counts.keySet()) {
            double[] gx = new double[counts.get(g)];
            double[] gy = new double[gx.length];
            int k = 0;
            for (int i = 0; i < x.length; i++) {
                if (group[i] == g) {
                    gx[k] = x[i];
                    gy[k++] = y[i];
                }
            }
            chart.addSeries("group " + g, gx, gy).setMarker(SeriesMarkers.CIRCLE);
        }
        save(png, chart);
    }

    /**
     * A heat map with the value written in each cell when the cells are large enough, e.g. a confusion matrix.
     *
     * @param values    rows x cols, drawn top row first
     * @param rowLabels one label per row, drawn on the left
     * @param colLabels one label per column, drawn at the bottom
     * @throws IllegalArgumentException if the labels do not match the shape, or values is empty or ragged
     * @throws IOException              if the file cannot be written
     */
    public static void heatmap(Path png, String title, double[][] values, String[] rowLabels, String[] colLabels)
            throws IOException {
        heatmap(png, title, values, rowLabels, colLabels, "", "");
    }

    /**
     * A heat map with axis titles, e.g. {@code "true language"} for the rows and {@code "predicted"} for
     * the columns; see {@link #heatmap(Path, String, double[][], String[], String[])}.
     */
    public static void heatmap(Path png, String title, double[][] values, String[] rowLabels, String[] colLabels,
                               String rowAxis, String colAxis) throws IOException {
        writeImage(png, Heatmap.draw(title, values, rowLabels, colLabels, rowAxis, colAxis));
    }

    /**
     * A grid of grey-scale images, filled row by row, e.g. originals in row 1 and reconstructions in row 2.
     *
     * @param images each {@code imgH*imgW} values, row-major, 0 = black, 1 = white (clipped to [0, 1]);
     *               at most rows*cols of them, the rest of the grid is left blank
     * @throws IllegalArgumentException if an image has the wrong size or there are more than rows*cols
     * @throws IOException              if the file cannot be written
     */
    public static void imageGrid(Path png, float[][] images, int rows, int cols, int imgH, int imgW)
            throws IOException {
        writeImage(png, ImageGrid.draw(images, rows, cols, imgH, imgW));
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setAntiAlias(true);
        s.setSeriesColors(PALETTE);
        chart.getStyler().setPlotGridLinesColor(new Color(232, 232, 232));
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
        return chart;
    }

    /** The value that zeros and negatives are drawn at on a log axis: the smallest positive value present. */
    private static double logFloor(Map<String, double[][]> series) {
        double min = series.values().stream().flatMapToDouble(xy -> Arrays.stream(xy[1]))
                .filter(v -> v > 0 && Double.isFinite(v)).min().orElse(1e-300);
        return Math.max(min, Double.MIN_NORMAL);
    }

    private static void checkLengths(String plot, String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(plot + ": series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(plot + ": series '" + name + "' is empty");
        }
    }

    private static void save(Path png, XYChart chart) throws IOException {
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void writeImage(Path png, BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        AtomicFiles.write(png, bytes.toByteArray());
    }
}
