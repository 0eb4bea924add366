package dev.tensorgrad.experiments.plot;

import java.awt.image.BufferedImage;

/**
 * Lays grey-scale images out in a grid, each pixel enlarged to a square of several pixels so that a
 * 28x28 digit is readable, with a thin mid-grey gap between images.
 */
final class ImageGrid {

    private static final int GAP = 2;
    private static final int GAP_GREY = 128;

    private ImageGrid() {
    }

    static BufferedImage draw(float[][] images, int rows, int cols, int imgH, int imgW) {
        if (rows <= 0 || cols <= 0 || imgH <= 0 || imgW <= 0) {
            throw new IllegalArgumentException("imageGrid: grid " + rows + "x" + cols + " of " + imgH + "x" + imgW
                    + " images must have positive sizes");
        }
        if (images.length > rows * cols) {
            throw new IllegalArgumentException("imageGrid: " + images.length + " images do not fit a "
                    + rows + "x" + cols + " grid");
        }
        // Enlarge small images so the whole grid is a few hundred pixels wide.
        int scale = Math.max(1, Math.min(6, 900 / (cols * imgW)));
        int cellW = imgW * scale;
        int cellH = imgH * scale;
        int width = cols * cellW + (cols + 1) * GAP;
        int height = rows * cellH + (rows + 1) * GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var raster = out.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, GAP_GREY);
            }
        }
        for (int k = 0; k < images.length; k++) {
            float[] img = images[k];
            if (img.length != imgH * imgW) {
                throw new IllegalArgumentException("imageGrid: image " + k + " has " + img.length
                        + " values, expected " + imgH + "x" + imgW + " = " + imgH * imgW);
            }
            int x0 = GAP + (k % cols) * (cellW + GAP);
            int y0 = GAP + (k / cols) * (cellH + GAP);
            for (int i = 0; i < imgH; i++) {
                for (int j = 0; j < imgW; j++) {
                    float v = img[i * imgW + j];
                    int grey = Float.isNaN(v) ? 0 : Math.round(255 * Math.clamp(v, 0f, 1f));
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(x0 + j * scale + dx, y0 + i * scale + dy, 0, grey);
                        }
                    }
                }
            }
        }
        return out;
    }
}
