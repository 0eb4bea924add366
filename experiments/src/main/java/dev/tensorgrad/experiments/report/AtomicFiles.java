package dev.tensorgrad.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old content or the new, never half of it:
 * the bytes go to a temporary file in the same folder, which is then renamed over the target.
 * A run killed halfway leaves the previous report intact rather than a truncated one. A whole
 * folder is replaced the same way: {@link #newSiblingFolder} to write into, then
 * {@link #replaceFolder} to swap it in.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically, creating parent folders as needed.
     *
     * @throws IOException if the folder cannot be created or the file cannot be written or moved
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Same folder, so the rename never crosses a file system and can be atomic. Not createTempFile:
        // its owner-only permissions would stick to the report after the rename.
        Path tmp = hiddenSibling(target, ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} with {@code text} encoded as UTF-8, atomically; see {@link #write(Path, byte[])}. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A new, empty folder beside {@code folder} (same parent, hidden name), with the default
     * permissions, to be filled and then swapped in by {@link #replaceFolder}.
     *
     * @throws IOException if the parent cannot be created or the folder cannot be made
     */
    public static Path newSiblingFolder(Path folder) throws IOException {
        Path target = folder.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // Not createTempDirectory: its owner-only permissions would stick to the folder after the swap.
        return Files.createDirectory(hiddenSibling(target, ".tmp"));
    }

    /**
     * Puts {@code staging} (from {@link #newSiblingFolder}) in place of {@code folder}, whose old
     * content is then deleted. Two renames: the old folder is moved aside, the new one moved in; if
     * the second fails, the old folder is moved back. Only a crash between the two renames leaves
     * no {@code folder} (the old one is then still beside it, under a hidden name).
     *
     * <p>Once the new content is in place the swap has succeeded: if the old content then cannot
     * be deleted, it stays beside the folder under its hidden name and a warning says where.
     *
     * @throws IOException if a rename fails (folder then holds its old content)
     */
    public static void replaceFolder(Path staging, Path folder) throws IOException {
        Path target = folder.toAbsolutePath();
        Path old = hiddenSibling(target, ".old");
        boolean hadOld = Files.exists(target);
        if (hadOld) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (hadOld) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (hadOld) {
            try {
                deleteRecursively(old);
            } catch (IOException e) {
                System.err.println("warning: the new " + target + " is in place, but its previous content could not"
                        + " be deleted from " + old + ": " + e.getMessage());
            }
        }
    }

    /**
     * Deletes a folder and everything in it; nothing happens if it does not exist.
     *
     * @throws IOException if a file cannot be deleted
     */
    public static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            // Deepest first, so each folder is empty when its turn comes.
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A fresh hidden name beside {@code target}: ".NAME.UUID" + suffix (ReportIndex skips dot-names). */
    private static Path hiddenSibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + suffix);
    }
}
