package dev.tensorgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Nonlinearity;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A file with the given header text (unpadded) followed by the given data bytes. */
    private Path rawFile(String header, int dataBytes) throws IOException {
        return rawFile(header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    /** A file with the given header bytes (unpadded) followed by the given data bytes. */
    private Path rawFile(byte[] h, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path path = dir.resolve("raw.safetensors");
        Files.write(path, b.array());
        return path;
    }

    private void assertCorrupt(Path path, String expectedProblem) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.load(path));
        assertTrue(e.getMessage().startsWith("safetensors " + path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
    }

    @Test
    void layoutIsLengthThenPaddedJsonThenLittleEndianData() throws IOException {
        Path path = dir.resolve("a.safetensors");
        SafeTensors.save(Map.of("a", Tensor.of(new float[] {1f, 2f}, 2)), path);
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.strip());
        assertEquals(1f, b.getFloat(8 + (int) n));
        assertEquals(2f, b.getFloat(12 + (int) n));
        assertEquals(8 + n + 8, bytes.length);
    }

    @Test
    void roundTripIsBitForBit() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, 3e38f, 7f}, 2, 3));
        tensors.put("d", Tensor.randn(new Rng(1), DType.FLOAT64, 4));
        tensors.put("scalar", Tensor.scalar(0.1, DType.FLOAT64));
        tensors.put("empty", Tensor.zeros(DType.FLOAT32, 0, 3));
        Path path = dir.resolve("m.safetensors");
        SafeTensors.save(tensors, Map.of("format", "pt"), path);
        Map<String, Tensor> back = SafeTensors.load(path);
        assertEquals(tensors.keySet(), back.keySet());
        for (String name : tensors.keySet()) {
            Tensor a = tensors.get(name);
            Tensor b = back.get(name);
            assertEquals(a.dtype(), b.dtype(), name);
            assertArrayEquals(a.shape(), b.shape(), name);
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), name + "[" + i + "]");
            }
        }
        assertEquals(Map.of("format", "pt"), SafeTensors.loadMetadata(path));
    }

    @Test
    void moduleRoundTripRestoresEveryParameter() throws IOException {
        RNN saved = new RNN(2, 3, Nonlinearity.TANH, 2, true, DType.FLOAT32, new Rng(1));
        RNN restored = new RNN(2, 3, Nonlinearity.TANH, 2, true, DType.FLOAT32, new Rng(2));
        Path path = dir.resolve("rnn.safetensors");
        SafeTensors.save(saved, path);
        SafeTensors.load(restored, path);
        for (String name : saved.stateDict().keySet()) {
            assertArrayEquals(saved.stateDict().get(name).toFloatArray(), restored.stateDict().get(name).toFloatArray(), 0f, name);
        }
    }

    @Test
    void savingLeavesNoTemporaryFileBehind() throws IOException {
        Path path = dir.resolve("x.safetensors");
        SafeTensors.save(Map.of("a", Tensor.ones(2)), path);
        SafeTensors.save(Map.of("a", Tensor.zeros(2)), path);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertArrayEquals(new float[] {0f, 0f}, SafeTensors.load(path).get("a").toFloatArray());
    }

    @Test
    void loadingIntoAModuleNamesTheFileAndTheMismatch() throws IOException {
        Path path = dir.resolve("lin.safetensors");
        SafeTensors.save(new Linear(3, 2, new Rng(0)), path);
        Linear other = new Linear(3, 4, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.load(other, path));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("weight: checkpoint has [2, 3], module has [4, 3]"), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path path = dir.resolve("t.safetensors");
        SafeTensors.save(Map.of("a", Tensor.ones(4)), path);
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertCorrupt(path, "outside the 13 data bytes");
    }

    @Test
    void fileShorterThanTheLengthFieldIsRejected() throws IOException {
        Path path = dir.resolve("short.safetensors");
        Files.write(path, new byte[] {1, 2, 3});
        assertCorrupt(path, "too short for the 8-byte header length");
    }

    @Test
    void headerLengthBeyondTheFileIsRejected() throws IOException {
        Path path = dir.resolve("len.safetensors");
        Files.write(path, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertCorrupt(path, "header length 1000 does not fit in a file of 16 bytes");
    }

    @Test
    void invalidJsonIsRejected() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"F32\",", 0),
                "header is not valid JSON (json: expected a string key at offset 20)");
    }

    @Test
    void headerNumberWithAFractionIsRejectedNamingWhereItSits() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8),
                "header value a.shape[0] is 2.0, a number with a fraction or an exponent");
    }

    @Test
    void headerNullIsRejectedNamingWhereItSits() throws IOException {
        assertCorrupt(rawFile("{\"__metadata__\":{\"k\":null}}", 0), "header value __metadata__.k is null");
    }

    @Test
    void unknownDtypeIsRejected() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
                "tensor 'a' has dtype 'BF16'; only F32 and F64 are supported");
    }

    @Test
    void offsetsOutOfRangeAreRejected() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8),
                "tensor 'a' has data_offsets [8, 16] outside the 8 data bytes");
    }

    @Test
    void overlappingTensorsAreRejected() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "tensors 'a' and 'b' overlap");
    }

    @Test
    void sizeNotMatchingShapeAndDtypeIsRejected() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
                "tensor 'a' spans 8 bytes but its shape and dtype need 16");
    }

    @Test
    void trailingDataBeyondTheTensorsIsRejected() throws IOException {
        assertCorrupt(rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12),
                "tensors cover 8 data bytes but the file holds 12");
    }

    @Test
    void headerThatIsNotUtf8IsRejected() throws IOException {
        byte[] header = "{\"__metadata__\":{\"k\":\"XX\"}}".getBytes(StandardCharsets.UTF_8);
        header[header.length - 4] = (byte) 0xFF;
        header[header.length - 5] = (byte) 0xC3;
        assertCorrupt(rawFile(header, 0), "header is not valid UTF-8");
    }

    @Test
    void loneSurrogateInATensorNameIsRejectedWhenSaving() {
        Path path = dir.resolve("s.safetensors");
        var e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.save(Map.of("w\uD83D", Tensor.ones(1)), path));
        assertTrue(e.getMessage().contains("lone surrogate U+D83D"), e.getMessage());
        assertTrue(Files.notExists(path));
    }

    @Test
    void savedFileHasTheSamePermissionsAsAPlainWrite() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.write(dir.resolve("plain"), new byte[1]);
        Path path = dir.resolve("p.safetensors");
        SafeTensors.save(Map.of("a", Tensor.ones(1)), path);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(path));
    }

    @Test
    void overwritingKeepsTheExistingFilesPermissions() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path path = dir.resolve("o.safetensors");
        SafeTensors.save(Map.of("a", Tensor.ones(1)), path);
        var groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(path, groupWritable);
        SafeTensors.save(Map.of("a", Tensor.zeros(1)), path);
        assertEquals(groupWritable, Files.getPosixFilePermissions(path));
    }

    @Test
    void savingIntoAMissingFolderNamesTheTarget() {
        Path path = dir.resolve("missing").resolve("m.safetensors");
        var e = assertThrows(NoSuchFileException.class, () -> SafeTensors.save(Map.of("a", Tensor.ones(1)), path));
        assertTrue(e.getMessage().startsWith(path.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("folder " + path.getParent().toAbsolutePath() + " does not exist"), e.getMessage());
    }

    @Test
    void savingOverAFolderIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.safetensors"));
        var e = assertThrows(IOException.class, () -> SafeTensors.save(Map.of("a", Tensor.ones(1)), folder));
        assertEquals("safetensors " + folder.toAbsolutePath() + ": cannot save: it is a folder", e.getMessage());
        assertTrue(Files.isDirectory(folder));
    }
}
