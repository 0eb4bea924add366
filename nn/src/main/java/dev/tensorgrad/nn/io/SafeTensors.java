package dev.tensorgrad.nn.io;

import dev.tensorgrad.nn.Module;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checkpoints in the safetensors format, readable by Python's {@code safetensors} library and
 * written by it:
 *
 * <pre>
 *   8 bytes     N, the header length, unsigned little-endian
 *   N bytes     UTF-8 JSON: {"__metadata__": {"k": "v"}, "name": {"dtype": "F32", "shape": [2, 3],
 *               "data_offsets": [begin, end]}, ...}, padded with spaces to a multiple of 8
 *   the rest    the tensors' raw little-endian bytes, row-major; offsets count from here
 * </pre>
 *
 * Saving writes a temporary file beside the target and renames it over the target, so a crash
 * never leaves a half-written checkpoint; the file gets the permissions a plain write would give
 * it (an overwritten file keeps its own). Loading checks everything before building a tensor: a
 * corrupt or truncated file, or a header that is not strict UTF-8 JSON, raises an
 * {@link IOException} naming the file and the problem, never garbage weights. Only F32 and F64
 * tensors are supported.
 */
public final class SafeTensors {
    private static final String METADATA = "__metadata__";
    /** The Python library's own limit; a larger "length" means the file is not a safetensors file. */
    private static final long MAX_HEADER = 100_000_000;

    private SafeTensors() {
    }

    /** Saves a module's parameters under their dotted names; see {@link #save(Map, Map, Path)}. */
    public static void save(Module module, Path path) throws IOException {
        save(module.stateDict(), Map.of(), path);
    }

    /** Saves tensors without metadata; see {@link #save(Map, Map, Path)}. */
    public static void save(Map<String, Tensor> tensors, Path path) throws IOException {
        save(tensors, Map.of(), path);
    }

    /**
     * Saves tensors (in map order) and string metadata to path, atomically.
     *
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__}, or a name or
     *                                  metadata string holds a lone surrogate (it has no UTF-8 form)
     * @throws IOException              if the folder does not exist, path is a folder, or writing or
     *                                  renaming fails (the target is then unchanged); the message
     *                                  names path
     */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path path) throws IOException {
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append(Json.quote(METADATA)).append(":{");
            String separator = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                requireEncodable("metadata key", e.getKey());
                requireEncodable("metadata value", e.getValue());
                header.append(separator).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                separator = ",";
            }
            header.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: '" + METADATA + "' is reserved and cannot name a tensor");
            }
            requireEncodable("tensor name", e.getKey());
            Tensor t = e.getValue();
            long bytes = (long) t.numel() * t.dtype().byteSize();
            header.append(header.length() > 1 ? "," : "").append(Json.quote(e.getKey()))
                    .append(":{\"dtype\":\"").append(dtypeName(t.dtype())).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int d = 0; d < shape.length; d++) {
                header.append(d > 0 ? "," : "").append(shape[d]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        // Pad with spaces (one byte each) so the data starts 8-byte aligned, as the Python library does.
        int unpadded = header.toString().getBytes(StandardCharsets.UTF_8).length;
        header.append(" ".repeat((8 - unpadded % 8) % 8));
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);

        Path absolute = path.toAbsolutePath();
        Path folder = absolute.getParent();
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(absolute.toString(), null, "cannot save: folder " + folder + " does not exist");
        }
        // The rename below would silently replace an empty folder of that name.
        if (Files.isDirectory(absolute)) {
            throw new IOException("safetensors " + absolute + ": cannot save: it is a folder");
        }
        // Same folder, so the rename is atomic. Not Files.createTempFile: its owner-only
        // permissions would stick to the checkpoint after the rename (as in experiments' AtomicFiles).
        Path temp = folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length));
                writeFully(out, ByteBuffer.wrap(headerBytes));
                for (Tensor t : tensors.values()) {
                    writeFully(out, toBytes(t));
                }
                out.force(true);
            }
            keepPermissionsOf(absolute, temp);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Overwriting must not change who may read the checkpoint: the new file takes the old one's
     * POSIX permissions, as an in-place write (Python's open(path, "wb")) would leave them.
     */
    private static void keepPermissionsOf(Path target, Path temp) throws IOException {
        if (Files.exists(target) && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
    }

    /** A string JSON can hold but UTF-8 cannot: a surrogate without its partner. */
    private static void requireEncodable(String what, String s) {
        int lone = Json.loneSurrogate(s);
        if (lone >= 0) {
            throw new IllegalArgumentException("safetensors: " + what + " " + Json.quote(s) + " has a lone surrogate "
                    + Json.codePoint(s.charAt(lone)) + " at index " + lone + ", which UTF-8 cannot encode");
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static ByteBuffer toBytes(Tensor t) {
        ByteBuffer buffer = ByteBuffer.allocate(t.numel() * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.FLOAT32) {
            buffer.asFloatBuffer().put(t.toFloatArray());
        } else {
            buffer.asDoubleBuffer().put(t.toDoubleArray());
        }
        return buffer;
    }

    /**
     * Loads every tensor of a safetensors file into a fresh map, in header order.
     *
     * @throws IOException if the file cannot be read or is not a valid F32/F64 safetensors file;
     *                     the message names the file and the problem
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        Parsed parsed = parse(path);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer data = ByteBuffer.wrap(parsed.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : parsed.entries) {
            int start = (int) (parsed.dataStart + e.begin);
            int numel = (int) ((e.end - e.begin) / e.dtype.byteSize());
            if (e.dtype == DType.FLOAT32) {
                float[] values = new float[numel];
                data.slice(start, numel * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                tensors.put(e.name, Tensor.of(values, e.shape));
            } else {
                double[] values = new double[numel];
                data.slice(start, numel * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
                tensors.put(e.name, Tensor.of(values, e.shape));
            }
        }
        return tensors;
    }

    /**
     * The string metadata stored under {@code __metadata__} (empty if there is none).
     *
     * @throws IOException as {@link #load(Path)}
     */
    public static Map<String, String> loadMetadata(Path path) throws IOException {
        return parse(path).metadata;
    }

    /**
     * Loads a checkpoint into a module's parameters by name.
     *
     * @throws IOException              as {@link #load(Path)}
     * @throws IllegalArgumentException naming the file and the missing, unexpected or mis-shaped
     *                                  tensors; the module is then unchanged
     */
    public static void load(Module module, Path path) throws IOException {
        Map<String, Tensor> tensors = load(path);
        try {
            module.loadStateDict(tensors);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("safetensors " + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- validation

    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    private record Parsed(byte[] bytes, long dataStart, List<Entry> entries, Map<String, String> metadata) {
    }

    private static Parsed parse(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 8) {
            throw corrupt(path, "file is " + bytes.length + " bytes, too short for the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8) {
            throw corrupt(path, "header length " + Long.toUnsignedString(headerLength) + " does not fit in a file of "
                    + bytes.length + " bytes");
        }
        String headerText;
        try {
            // Strict: new String(bytes, UTF_8) would quietly turn bad bytes into U+FFFD.
            headerText = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) headerLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(path, "header is not valid UTF-8");
        }
        if (!headerText.startsWith("{")) {
            throw corrupt(path, "header does not start with '{'");
        }
        Object json;
        try {
            json = Json.parse(headerText);
        } catch (IllegalArgumentException e) {
            throw corrupt(path, "header is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(json instanceof Map<?, ?> header)) {
            throw corrupt(path, "header is not a JSON object");
        }
        requireHeaderValues(path, "", header);
        long dataLength = bytes.length - 8 - headerLength;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                readMetadata(path, e.getValue(), metadata);
            } else {
                entries.add(readEntry(path, name, e.getValue(), dataLength));
            }
        }
        checkCoverage(path, entries, dataLength);
        return new Parsed(bytes, 8 + headerLength, entries, metadata);
    }

    /**
     * A header holds only objects, arrays, strings and integers: a fraction, an exponent, true,
     * false or null anywhere in it means the file was not written as a safetensors header. The
     * error names where the value sits, e.g. {@code a.shape[0]}.
     */
    private static final String HEADER_VALUES = "only objects, arrays, strings and integers belong in a header";

    private static void requireHeaderValues(Path path, String where, Object value) throws IOException {
        switch (value) {
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    requireHeaderValues(path, where.isEmpty() ? (String) e.getKey() : where + "." + e.getKey(), e.getValue());
                }
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    requireHeaderValues(path, where + "[" + i + "]", list.get(i));
                }
            }
            case String _, Long _ -> {
                // the leaves a header is made of
            }
            case Double d -> throw corrupt(path, "header value " + where + " is " + d
                    + ", a number with a fraction or an exponent; " + HEADER_VALUES);
            case null, default -> throw corrupt(path, "header value " + where + " is " + value + "; " + HEADER_VALUES);
        }
    }

    private static void readMetadata(Path path, Object value, Map<String, String> into) throws IOException {
        if (!(value instanceof Map<?, ?> map)) {
            throw corrupt(path, METADATA + " is not an object");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw corrupt(path, METADATA + " value for '" + e.getKey() + "' is not a string");
            }
            into.put((String) e.getKey(), s);
        }
    }

    private static Entry readEntry(Path path, String name, Object value, long dataLength) throws IOException {
        if (!(value instanceof Map<?, ?> info)) {
            throw corrupt(path, "entry for tensor '" + name + "' is not an object");
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw corrupt(path, "tensor '" + name + "' has no dtype string");
        }
        DType dtype = switch (dtypeName) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw corrupt(path, "tensor '" + name + "' has dtype '" + dtypeName
                    + "'; only F32 and F64 are supported");
        };
        long[] shapeLongs = longs(path, name, "shape", info.get("shape"), -1);
        long[] offsets = longs(path, name, "data_offsets", info.get("data_offsets"), 2);
        int[] shape = new int[shapeLongs.length];
        long numel = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shapeLongs[d] < 0 || shapeLongs[d] > Integer.MAX_VALUE) {
                throw corrupt(path, "tensor '" + name + "' has invalid size " + shapeLongs[d] + " in its shape");
            }
            shape[d] = (int) shapeLongs[d];
            numel *= shape[d];
            if (numel > Integer.MAX_VALUE) {
                throw corrupt(path, "tensor '" + name + "' has too many elements");
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataLength) {
            throw corrupt(path, "tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] outside the " + dataLength + " data bytes");
        }
        if (end - begin != numel * dtype.byteSize()) {
            throw corrupt(path, "tensor '" + name + "' spans " + (end - begin) + " bytes but its shape and dtype need "
                    + numel * dtype.byteSize());
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long[] longs(Path path, String name, String field, Object value, int expectedLength) throws IOException {
        if (!(value instanceof List<?> list) || (expectedLength >= 0 && list.size() != expectedLength)) {
            throw corrupt(path, "tensor '" + name + "' has no valid " + field);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw corrupt(path, "tensor '" + name + "' has a non-integer in " + field);
            }
            out[i] = l;
        }
        return out;
    }

    /** The tensors must tile the data exactly: no overlaps, no holes, nothing left over (as the Python reader demands). */
    private static void checkCoverage(Path path, List<Entry> entries, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < covered) {
                throw corrupt(path, "tensors '" + previous.name + "' and '" + e.name + "' overlap");
            }
            if (e.begin > covered) {
                throw corrupt(path, "data bytes [" + covered + ", " + e.begin + ") belong to no tensor");
            }
            covered = e.end;
            previous = e;
        }
        if (covered != dataLength) {
            throw corrupt(path, "tensors cover " + covered + " data bytes but the file holds " + dataLength
                    + (covered > dataLength ? " (truncated?)" : ""));
        }
    }

    private static String dtypeName(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }

    private static IOException corrupt(Path path, String problem) {
        return new IOException("safetensors " + path + ": " + problem);
    }
}
