package dev.tensorgrad.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws a matrix as coloured cells, white for the smallest value to dark blue for the largest, with
 * row labels on the left, column labels (turned upright) below, and each value written in its cell
 * when the cells are big enough to read.
 */
final class Heatmap {

    private static final int MAX_CELL = 48;
    private static final int MIN_CELL_WITH_TEXT = 22;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    private Heatmap() {
    }

    static BufferedImage draw(String title, double[][] values, String[] rowLabels, String[] colLabels,
                              String rowAxis, String colAxis) {
        int rows = values.length;
        if (rows == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heatmap: empty matrix");
        }
        int cols = values[0].length;
        for (double[] row : values) {
            if (row.length != cols) {
                throw new IllegalArgumentException("heatmap: ragged matrix, rows of " + cols + " and " + row.length);
            }
        }
        if (rowLabels.length != rows || colLabels.length != cols) {
            throw new IllegalArgumentException("heatmap: " + rows + "x" + cols + " matrix but " + rowLabels.length
                    + " row labels and " + colLabels.length + " column labels");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }

        int cell = Math.max(12, Math.min(MAX_CELL, 720 / Math.max(rows, cols)));
        FontMetrics fm = metrics(LABEL);
        int rowLabelWidth = maxWidth(fm, rowLabels);
        int colLabelHeight = maxWidth(fm, colLabels);
        int left = 20 + (rowAxis.isEmpty() ? 0 : 24) + rowLabelWidth + 8;
        int top = 50;
        int width = left + cols * cell + 30;
        int height = top + rows * cell + 8 + colLabelHeight + (colAxis.isEmpty() ? 0 : 28) + 20;
        width = Math.max(width, metrics(TITLE).stringWidth(title) + 40);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 30);

        g.setFont(LABEL);
        boolean text = cell >= MIN_CELL_WITH_TEXT;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                double t = max > min ? (v - min) / (max - min) : 0;
                Color fill = Double.isFinite(v) ? shade(t) : Color.RED;
                g.setColor(fill);
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                if (text) {
                    String s = format(v);
                    // Light text on dark cells, dark text on light ones.
                    g.setColor(t > 0.55 ? Color.WHITE : Color.BLACK);
                    int sw = g.getFontMetrics().stringWidth(s);
                    if (sw <= cell - 2) {
                        g.drawString(s, left + c * cell + (cell - sw) / 2, top + r * cell + (cell + fm.getAscent()) / 2 - 2);
                    }
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, cols * cell, rows * cell);

        g.setColor(Color.BLACK);
        for (int r = 0; r < rows; r++) {
            int sw = fm.stringWidth(rowLabels[r]);
            g.drawString(rowLabels[r], left - 8 - sw, top + r * cell + (cell + fm.getAscent()) / 2 - 2);
        }
        AffineTransform saved = g.getTransform();
        for (int c = 0; c < cols; c++) {
            int x = left + c * cell + (cell + fm.getAscent()) / 2 - 2;
            int y = top + rows * cell + 8;
            g.setTransform(saved);
            g.translate(x, y);
            g.rotate(Math.PI / 2);
            g.drawString(colLabels[c], 0, 0);
        }
        g.setTransform(saved);
        if (!colAxis.isEmpty()) {
            int sw = fm.stringWidth(colAxis);
            g.drawString(colAxis, left + (cols * cell - sw) / 2, top + rows * cell + 8 + colLabelHeight + 22);
        }
        if (!rowAxis.isEmpty()) {
            int sw = fm.stringWidth(rowAxis);
            g.translate(24, top + (rows * cell + sw) / 2);
            g.rotate(-Math.PI / 2);
            g.drawString(rowAxis, 0, 0);
            g.setTransform(saved);
        }
        g.dispose();
        return image;
    }

    /** White at t = 0 to a dark blue at t = 1. */
    private static Color shade(double t) {
        t = Math.clamp(t, 0, 1);
        return new Color((int) Math.round(255 - t * (255 - 8)), (int) Math.round(255 - t * (255 - 48)),
                (int) Math.round(255 - t * (255 - 107)));
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e5) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.3g", v);
    }

    private static int maxWidth(FontMetrics fm, String[] labels) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, fm.stringWidth(s));
        }
        return w;
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = g.getFontMetrics(font);
        g.dispose();
        return fm;
    }
}
