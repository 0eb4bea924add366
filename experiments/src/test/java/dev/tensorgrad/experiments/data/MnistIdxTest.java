package dev.tensorgrad.experiments.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistIdxTest {

    @TempDir
    Path dir;

    /** An idx image file: header then n*rows*cols bytes, pixel k of the file holding k mod 256. */
    private static byte[] images(int magic, int n, int rows, int cols, int payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload).putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int k = 0; k < payload; k++) {
            b.put((byte) k);
        }
        return b.array();
    }

    private static byte[] labels(int magic, int n, int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload).putInt(magic).putInt(n);
        for (int k = 0; k < payload; k++) {
            b.put((byte) (k % 10));
        }
        return b.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String readError(byte[] imageBytes, byte[] labelBytes) throws IOException {
        Path img = file("x-images-idx3-ubyte", imageBytes);
        Path lab = file("x-labels-idx1-ubyte", labelBytes);
        return assertThrows(IOException.class, () -> MnistIdx.read(img, lab)).getMessage();
    }

    @Test
    void readsPixelsScaledToUnitIntervalAndLabels() throws IOException {
        Path img = file("t-images-idx3-ubyte.gz", gzip(images(0x803, 3, 2, 2, 12)));
        Path lab = file("t-labels-idx1-ubyte", labels(0x801, 3, 3));
        MnistIdx m = MnistIdx.read(img, lab);
        assertEquals(3, m.count());
        assertEquals(2, m.rows());
        assertEquals(2, m.cols());
        assertArrayEquals(new float[]{4 / 255f, 5 / 255f, 6 / 255f, 7 / 255f}, m.image(1));
        assertArrayEquals(new int[]{0, 1, 2}, m.labels());
    }

    @Test
    void loadFindsGzippedOrPlainFilesByPrefix() throws IOException {
        file("t10k-images-idx3-ubyte.gz", gzip(images(0x803, 1, 1, 1, 1)));
        file("t10k-labels-idx1-ubyte", labels(0x801, 1, 1));
        assertEquals(1, MnistIdx.load(dir, "t10k").count());
    }

    @Test
    void wrongImageMagicIsNamedWithTheFile() throws IOException {
        String msg = readError(images(0x801, 1, 1, 1, 1), labels(0x801, 1, 1));
        assertEquals(dir.resolve("x-images-idx3-ubyte") + ": bad magic number 0x00000801 (expected 0x00000803)", msg);
    }

    @Test
    void wrongLabelMagicIsNamedWithTheFile() throws IOException {
        String msg = readError(images(0x803, 1, 1, 1, 1), labels(0x803, 1, 1));
        assertEquals(dir.resolve("x-labels-idx1-ubyte") + ": bad magic number 0x00000803 (expected 0x00000801)", msg);
    }

    @Test
    void truncatedImageFileIsRejected() throws IOException {
        String msg = readError(images(0x803, 2, 28, 28, 2 * 784 - 1), labels(0x801, 2, 2));
        assertEquals(dir.resolve("x-images-idx3-ubyte") + ": truncated: header promises 2 images of 28x28"
                + " (1568 bytes) but only 1567 bytes follow", msg);
    }

    @Test
    void truncatedGzipStreamIsRejected() throws IOException {
        byte[] gz = gzip(images(0x803, 2, 28, 28, 2 * 784));
        Path img = file("x-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        Path lab = file("x-labels-idx1-ubyte", labels(0x801, 2, 2));
        var e = assertThrows(IOException.class, () -> MnistIdx.read(img, lab));
        assertEquals(img + ": truncated gzip stream", e.getMessage());
    }

    @Test
    void fileShorterThanItsHeaderIsRejected() throws IOException {
        String msg = readError(Arrays.copyOf(images(0x803, 1, 1, 1, 1), 10), labels(0x801, 1, 1));
        assertTrue(msg.startsWith(dir.resolve("x-images-idx3-ubyte") + ": truncated: 10 bytes"), msg);
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        String msg = readError(images(0x803, 1, 1, 1, 1), labels(0x801, 1, 2));
        assertEquals(dir.resolve("x-labels-idx1-ubyte") + ": 1 unexpected bytes after 1 labels", msg);
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        String msg = readError(images(0x803, 3, 1, 1, 3), labels(0x801, 2, 2));
        assertEquals(dir.resolve("x-labels-idx1-ubyte") + ": 2 labels but " + dir.resolve("x-images-idx3-ubyte")
                + " has 3 images", msg);
    }

    @Test
    void zeroRowsIsABadDimension() throws IOException {
        String msg = readError(images(0x803, 1, 0, 28, 0), labels(0x801, 1, 1));
        assertEquals(dir.resolve("x-images-idx3-ubyte") + ": bad dimensions 1 x 0 x 28", msg);
    }

    @Test
    void shippedMnistTestSetHasTenThousandDigits() throws IOException {
        MnistIdx m = MnistIdx.load(Path.of("../data/mnist"), "t10k");
        assertEquals(10_000, m.count());
        assertEquals(28, m.rows());
        assertEquals(7, m.labels()[0]);
    }
}
