package dev.tensorgrad.experiments.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Images and labels in the idx format of MNIST (and Fashion-MNIST, and anything else using it),
 * read and checked.
 *
 * <p>The format, all integers big-endian: an image file is magic {@code 0x00000803}, count, rows,
 * cols, then count*rows*cols unsigned bytes, row-major; a label file is magic {@code 0x00000801},
 * count, then count unsigned bytes. Files may be gzipped (recognised by their first two bytes, not
 * their name). Every problem found is reported as an {@link IOException} whose message starts with
 * the file, e.g. {@code t10k-images-idx3-ubyte.gz: bad magic number 0x00000801 (expected 0x00000803)}.
 *
 * @param count  the number of images, n
 * @param rows   pixel rows per image (28 for MNIST)
 * @param cols   pixel columns per image (28 for MNIST)
 * @param pixels n*rows*cols grey levels scaled to [0, 1] (byte / 255), image after image, each row-major
 * @param labels n class labels, as stored (0-9 for MNIST)
 */
public record MnistIdx(int count, int rows, int cols, float[] pixels, int[] labels) {

    /** Magic number of an idx file of unsigned bytes with 3 dimensions: images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx file of unsigned bytes with 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    /**
     * Reads the data set {@code prefix} from a folder, e.g. {@code load(Path.of("data/mnist"), "t10k")}
     * reads {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}.
     *
     * @throws IOException if a file is missing (the message names both names tried) or invalid
     */
    public static MnistIdx load(Path dir, String prefix) throws IOException {
        return read(find(dir, prefix + "-images-idx3-ubyte"), find(dir, prefix + "-labels-idx1-ubyte"));
    }

    /**
     * Reads an image file and its label file.
     *
     * @throws IOException naming the file, if either is unreadable, has a bad magic number or bad
     *                     dimensions, is truncated or has trailing bytes, or if their counts differ
     */
    public static MnistIdx read(Path images, Path labels) throws IOException {
        ByteBuffer img = ByteBuffer.wrap(bytes(images));
        header(images, img, IMAGES_MAGIC, 16);
        int n = img.getInt();
        int rows = img.getInt();
        int cols = img.getInt();
        if (n < 0 || rows <= 0 || cols <= 0) {
            throw new IOException(images + ": bad dimensions " + n + " x " + rows + " x " + cols);
        }
        long size = (long) n * rows * cols;
        checkPayload(images, img.remaining(), size, n + " images of " + rows + "x" + cols);

        ByteBuffer lab = ByteBuffer.wrap(bytes(labels));
        header(labels, lab, LABELS_MAGIC, 8);
        int m = lab.getInt();
        if (m < 0) {
            throw new IOException(labels + ": bad label count " + m);
        }
        checkPayload(labels, lab.remaining(), m, m + " labels");
        if (m != n) {
            throw new IOException(labels + ": " + m + " labels but " + images + " has " + n + " images");
        }

        float[] pixels = new float[(int) size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (img.get() & 0xFF) / 255f;
        }
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            ys[i] = lab.get() & 0xFF;
        }
        return new MnistIdx(n, rows, cols, pixels, ys);
    }

    /** Pixels per image, rows*cols. */
    public int imageSize() {
        return rows * cols;
    }

    /**
     * A copy of image {@code i}: rows*cols values in [0, 1], row-major.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in [0, count)
     */
    public float[] image(int i) {
        java.util.Objects.checkIndex(i, count);
        float[] out = new float[imageSize()];
        System.arraycopy(pixels, i * imageSize(), out, 0, out.length);
        return out;
    }

    /** All images as an n x (rows*cols) array, one copied row per image. */
    public float[][] images() {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = image(i);
        }
        return out;
    }

    private static Path find(Path dir, String base) throws IOException {
        for (Path p : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.resolve(base + ".gz") + " (nor " + base + ")",
                null, "no such idx file; point --mnist at a folder holding it");
    }

    private static void header(Path file, ByteBuffer buf, int magic, int headerBytes) throws IOException {
        if (buf.remaining() < headerBytes) {
            throw new IOException(file + ": truncated: " + buf.remaining() + " bytes, shorter than the "
                    + headerBytes + "-byte idx header");
        }
        int found = buf.getInt();
        if (found != magic) {
            throw new IOException(String.format("%s: bad magic number 0x%08x (expected 0x%08x)", file, found, magic));
        }
    }

    private static void checkPayload(Path file, int remaining, long expected, String what) throws IOException {
        if (remaining < expected) {
            throw new IOException(file + ": truncated: header promises " + what + " (" + expected
                    + " bytes) but only " + remaining + " bytes follow");
        }
        if (remaining > expected) {
            throw new IOException(file + ": " + (remaining - expected) + " unexpected bytes after " + what);
        }
        if (expected > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": " + what + " is too large to hold in one array");
        }
    }

    /** The file's bytes, gunzipped if they start with the gzip signature 1f 8b. */
    private static byte[] bytes(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length < 2 || (raw[0] & 0xFF) != 0x1f || (raw[1] & 0xFF) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new IOException(file + ": truncated gzip stream", e);
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        }
    }
}
