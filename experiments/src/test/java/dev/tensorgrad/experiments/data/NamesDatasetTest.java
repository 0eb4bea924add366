package dev.tensorgrad.experiments.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamesDatasetTest {

    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsOneLanguagePerFileSortedSkippingBlankLinesAndOtherFiles() throws IOException {
        write("Polish.txt", "Wójcik\n\n  Nowak \n");
        write("German.txt", "Müller\nWeiß");
        write("SOURCE.md", "not names");
        NamesDataset d = NamesDataset.read(dir);
        assertEquals(List.of("German", "Polish"), d.languages());
        assertEquals(List.of(new NamesDataset.Entry("Müller", "German"), new NamesDataset.Entry("Weiß", "German"),
                new NamesDataset.Entry("Wójcik", "Polish"), new NamesDataset.Entry("Nowak", "Polish")), d.entries());
        assertEquals(1, d.label("Polish"));
    }

    @Test
    void invalidUtf8IsRejectedNamingFileAndLine() throws IOException {
        // 0xE9 is 'é' in Latin-1: on its own it is not UTF-8.
        Files.write(dir.resolve("French.txt"), new byte[]{'A', '\n', 'B', 'e', 'r', (byte) 0xE9, '\n'});
        var e = assertThrows(IOException.class, () -> NamesDataset.read(dir));
        assertEquals(dir.resolve("French.txt") + ": line 2 is not valid UTF-8", e.getMessage());
    }

    @Test
    void leadingByteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        write("Irish.txt", "\uFEFFMurphy\nKelly\n");
        assertEquals(List.of(new NamesDataset.Entry("Murphy", "Irish"), new NamesDataset.Entry("Kelly", "Irish")),
                NamesDataset.read(dir).entries());
    }

    @Test
    void languageFileWithoutNamesIsRejectedNamingTheFile() throws IOException {
        write("Irish.txt", "Murphy\n");
        write("Welsh.txt", "\n  \n");
        var e = assertThrows(IOException.class, () -> NamesDataset.read(dir));
        assertEquals(dir.resolve("Welsh.txt") + ": no names (each language file needs at least one)", e.getMessage());
    }

    @Test
    void folderWithoutNameFilesIsRejected() {
        var e = assertThrows(IOException.class, () -> NamesDataset.read(dir));
        assertEquals(dir + ": no *.txt files (expected one file of names per language)", e.getMessage());
    }

    @Test
    void deduplicationKeepsEachNameLanguagePairOnce() throws IOException {
        write("Arabic.txt", "Nader\nHadad\nNader\n");
        write("English.txt", "Nader\n");
        NamesDataset d = NamesDataset.read(dir).deduplicated();
        assertEquals(List.of(new NamesDataset.Entry("Nader", "Arabic"), new NamesDataset.Entry("Hadad", "Arabic"),
                new NamesDataset.Entry("Nader", "English")), d.entries());
    }

    @Test
    void findsNamesUnderSeveralLanguages() throws IOException {
        write("English.txt", "Allan\nSmith\n");
        write("Scottish.txt", "Allan\n");
        write("Irish.txt", "Allan\nSmith\n");
        assertEquals(Map.of("Allan", Set.of("English", "Irish", "Scottish"), "Smith", Set.of("English", "Irish")),
                NamesDataset.read(dir).namesInSeveralLanguages());
    }

    @Test
    void shippedNamesHaveEighteenLanguagesAndKnownDuplicates() throws IOException {
        NamesDataset d = NamesDataset.read(Path.of("../data/names"));
        assertEquals(18, d.languages().size());
        assertEquals(20_074, d.size());
        assertEquals(18_015, d.deduplicated().size());
        assertEquals(469, d.namesInSeveralLanguages().size());
    }
}
