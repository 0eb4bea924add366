package dev.tensorgrad.experiments;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void noWordsMeansRunAllWithDefaults() {
        CommandLine cmd = CommandLine.parse();
        assertEquals("run", cmd.command());
        assertEquals(List.of("all"), cmd.args());
        assertEquals(0, cmd.seed());
        assertEquals(Path.of("reports"), cmd.outDir());
        assertFalse(cmd.quick());
        assertEquals(Path.of("data"), cmd.dataDir());
        assertEquals(Path.of("data", "mnist"), cmd.mnistDir());
    }

    @Test
    void optionsMayComeBeforeOrAfterTheCommandWithSpaceOrEquals() {
        CommandLine cmd = CommandLine.parse("--seed", "7", "run", "a", "--out=/tmp/r", "b", "--quick", "--mnist", "fm");
        assertEquals("run", cmd.command());
        assertEquals(List.of("a", "b"), cmd.args());
        assertEquals(7, cmd.seed());
        assertEquals(Path.of("/tmp/r"), cmd.outDir());
        assertTrue(cmd.quick());
        assertEquals(Path.of("fm"), cmd.mnistDir());
    }

    @Test
    void mnistDefaultsToTheMnistFolderInsideData() {
        assertEquals(Path.of("d2", "mnist"), CommandLine.parse("list", "--data", "d2").mnistDir());
    }

    @Test
    void unknownCommandIsRejectedListingTheCommands() {
        var e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("fly"));
        assertEquals("unknown command 'fly'; commands are list, run, predict-name, help", e.getMessage());
    }

    @Test
    void unknownOptionIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("list", "--fast"));
        assertTrue(e.getMessage().startsWith("unknown option --fast"), e.getMessage());
    }

    @Test
    void seedMustBeAnInteger() {
        var e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--seed", "x", "list"));
        assertEquals("--seed needs an integer, got 'x'", e.getMessage());
    }

    @Test
    void optionAtTheEndWithoutValueIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("list", "--out"));
        assertEquals("--out needs a value", e.getMessage());
    }

    @Test
    void runWithoutNamesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("run", "--quick"));
    }

    @Test
    void predictNameNeedsAName() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("predict-name"));
    }
}
