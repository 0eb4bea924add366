package dev.tensorgrad.experiments.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The surnames data set of homework problem 2: one UTF-8 text file per language ({@code Arabic.txt},
 * ...), one surname per line, the file name being the label.
 *
 * <p>The files are decoded strictly: a byte sequence that is not UTF-8 is an error naming the file
 * and line, not a silently substituted character. A leading byte-order mark (which some Windows
 * editors write) is dropped, blank lines are skipped and surrounding spaces stripped. The data has repeats (the same name twice in one file) and names under several
 * languages; {@link #deduplicated()} and {@link #namesInSeveralLanguages()} deal with them.
 *
 * @param entries   every (name, language) line, languages in sorted order, lines in file order
 * @param languages the languages, sorted; a language's index here is its class label
 */
public record NamesDataset(List<Entry> entries, List<String> languages) {

    /** One line of the data set: a surname and the language of the file it came from. */
    public record Entry(String name, String language) {
    }

    /** Copies the lists so the data set cannot change after it is read. */
    public NamesDataset {
        entries = List.copyOf(entries);
        languages = List.copyOf(languages);
    }

    /**
     * Reads every {@code *.txt} file in {@code dir}; other files (SOURCE.md, checksums) are ignored.
     *
     * @throws IOException if the folder holds no {@code .txt} file, a file holds no name (a class
     *                     without examples), or a file is unreadable or not valid UTF-8 (the message
     *                     names the file, and the line)
     */
    public static NamesDataset read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no *.txt files (expected one file of names per language)");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String language = fileName.substring(0, fileName.length() - ".txt".length());
            languages.add(language);
            List<String> names = lines(file);
            if (names.isEmpty()) {
                throw new IOException(file + ": no names (each language file needs at least one)");
            }
            for (String name : names) {
                entries.add(new Entry(name, language));
            }
        }
        return new NamesDataset(entries, languages);
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /**
     * The class label of {@code language}: its index in {@link #languages()}.
     *
     * @throws IllegalArgumentException if the language is not in the data set
     */
    public int label(String language) {
        int i = languages.indexOf(language);
        if (i < 0) {
            throw new IllegalArgumentException("names: unknown language '" + language + "'; known: " + languages);
        }
        return i;
    }

    /** The same data with each repeated (name, language) pair kept once, at its first occurrence. */
    public NamesDataset deduplicated() {
        return new NamesDataset(List.copyOf(new LinkedHashSet<>(entries)), languages);
    }

    /**
     * The names that appear under more than one language, each with its languages sorted; the map
     * is sorted by name. A split that claims to generalise must keep each of these names on one side.
     */
    public Map<String, Set<String>> namesInSeveralLanguages() {
        Map<String, Set<String>> byName = new TreeMap<>();
        for (Entry e : entries) {
            byName.computeIfAbsent(e.name(), k -> new TreeSet<>()).add(e.language());
        }
        byName.values().removeIf(langs -> langs.size() < 2);
        return byName;
    }

    /** The non-blank, stripped lines of a file, decoded as strict UTF-8. */
    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        // The UTF-8 byte-order mark EF BB BF decodes to U+FEFF, which strip() keeps: skip it here.
        boolean bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> names = new ArrayList<>();
        int start = bom ? 3 : 0;
        int lineNumber = 1;
        // Splitting the bytes at '\n' is safe: in UTF-8 the byte 0x0A never occurs inside a multi-byte character.
        for (int i = start; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, i - start)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(file + ": line " + lineNumber + " is not valid UTF-8", e);
            }
            String name = line.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
            start = i + 1;
            lineNumber++;
        }
        return names;
    }
}
