package dev.tensorgrad.experiments.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    @Test
    void sectionsFollowNotebookOrderWhateverTheCallOrder(@TempDir Path dir) {
        Metrics m = new Metrics().put("loss_2layer", 0.0004);
        Report r = new Report("deep-rnn", "Deep RNNs (1h)")
                .verdict("The claim held.")
                .claim(Claim.below("2-layer loss < 0.001", m, "loss_2layer", 0.001))
                .figure("Loss per epoch", dir.resolve("loss.png"))
                .setup("Two layers, 32 units.")
                .question("Does depth help?");
        String expected = """
                # Deep RNNs (1h)

                ## Question

                > Does depth help?

                ## Setup

                Two layers, 32 units.

                ## Run

                ![Loss per epoch](loss.png)

                *Loss per epoch*

                ## Verdict

                | claim | metric | measured | held |
                |---|---|---|---|
                | 2-layer loss < 0.001 | `loss_2layer` | 0.0004000 | yes |

                The claim held.
                """;
        assertEquals(expected, r.toMarkdown(dir));
    }

    @Test
    void tableRowsMustMatchTheHeader() {
        Report r = new Report("x", "X");
        assertThrows(IllegalArgumentException.class, () -> r.table(List.of("a", "b"), List.of(List.of("1"))));
    }

    @Test
    void indexCountsHeldClaimsAcrossReports(@TempDir Path dir) throws Exception {
        Metrics m = new Metrics().put("acc", 0.7);
        new Report("names", "Names").claim(Claim.atLeast("accuracy >= 0.8", m, "acc", 0.8)).write(dir.resolve("names"));
        new Report("pca", "PCA").claim(new Claim("angle ~ 0", "angle", 1e-5, true)).write(dir.resolve("pca"));
        ReportIndex.write(dir, List.of("pca", "names"));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("1 of 2 claims held."), readme);
        assertTrue(readme.indexOf("[pca]") < readme.indexOf("[names]"), readme);
        assertTrue(readme.contains("| [names](names/report.md) | accuracy >= 0.8 | `acc` | 0.7000 | no |"), readme);
    }

    @Test
    void indexNamesACorruptClaimsFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad/claims.json"), "{\"claims\": 3}");
        var e = assertThrows(java.io.IOException.class, () -> ReportIndex.write(dir, List.of()));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad/claims.json") + ": not a claims file"), e.getMessage());
    }

    @Test
    void aClaimThatCannotBeWrittenWritesNeitherFile(@TempDir Path dir) {
        Report r = new Report("x", "X").claim(new Claim("loss is small", "loss", Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> r.write(dir));
        assertTrue(Files.notExists(dir.resolve("report.md")));
        assertTrue(Files.notExists(dir.resolve(ReportIndex.CLAIMS_FILE)));
    }

    @Test
    void indexSkipsHiddenFoldersBesideTheResults(@TempDir Path dir) throws Exception {
        Metrics m = new Metrics().put("acc", 0.9);
        new Report("names", "Names").claim(Claim.atLeast("accuracy >= 0.8", m, "acc", 0.8)).write(dir.resolve("names"));
        new Report("names", "Names").claim(Claim.atLeast("accuracy >= 0.8", m, "acc", 0.8))
                .write(dir.resolve(".names.1234.old"));
        ReportIndex.write(dir, List.of("names"));
        assertTrue(Files.readString(dir.resolve("README.md")).contains("1 of 1 claims held."));
    }
}
