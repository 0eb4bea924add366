package dev.tensorgrad.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code reports/README.md}: one row per claim, across every experiment that has a report in the
 * output folder, so a reader sees at a glance which of the homework's claims held.
 *
 * <p>It is rebuilt from the {@code claims.json} files on disk, so running one experiment keeps the
 * rows of the others from earlier runs.
 */
public final class ReportIndex {

    /** The file each report writes its claims to, read back here. */
    public static final String CLAIMS_FILE = "claims.json";

    private ReportIndex() {
    }

    /**
     * Rewrites {@code outDir/README.md} from {@code outDir/*}{@code /claims.json}.
     *
     * @param order experiment names in the order the runner lists them; others follow alphabetically
     * @throws IOException if a claims file cannot be read or is not the JSON a {@link Report} writes
     *                     (the message names the file)
     */
    public static void write(Path outDir, List<String> order) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(outDir)) {
            try (Stream<Path> dirs = Files.list(outDir)) {
                // Hidden folders are a run's staging copy or the previous results being swapped out.
                dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                        .map(d -> d.resolve(CLAIMS_FILE)).filter(Files::isRegularFile).forEach(files::add);
            }
        }
        files.sort(Comparator.comparing((Path f) -> rank(order, name(f))).thenComparing(ReportIndex::name));

        List<List<String>> rows = new ArrayList<>();
        int held = 0;
        for (Path file : files) {
            for (List<String> row : readRows(file)) {
                rows.add(row);
                held += row.get(4).equals("yes") ? 1 : 0;
            }
        }
        StringBuilder md = new StringBuilder("# Experiment reports\n\n");
        md.append("Every claim from the homework that an experiment checked, with the value our engine measured.\n");
        md.append("Each experiment's page has the question, the setup, the figures and the verdict.\n\n");
        if (rows.isEmpty()) {
            md.append("No experiment has reported a claim yet.\n");
        } else {
            md.append(held).append(" of ").append(rows.size()).append(" claims held.\n\n");
            Report.appendTable(md, List.of("experiment", "claim", "metric", "measured", "held"), rows);
        }
        AtomicFiles.writeString(outDir.resolve("README.md"), md.toString().stripTrailing() + "\n");
    }

    private static List<List<String>> readRows(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            Map<?, ?> root = (Map<?, ?>) Json.parse(text);
            String experiment = (String) root.get("experiment");
            String link = "[" + experiment + "](" + name(file) + "/report.md)";
            List<List<String>> rows = new ArrayList<>();
            for (Object o : (List<?>) root.get("claims")) {
                Map<?, ?> c = (Map<?, ?>) o;
                rows.add(List.of(link, (String) c.get("text"), "`" + c.get("key") + "`",
                        Claim.format((Double) c.get("measured")), (Boolean) c.get("held") ? "yes" : "no"));
            }
            return rows;
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IOException(file + ": not a claims file written by Report (" + e.getMessage() + ")", e);
        }
    }

    private static String name(Path claimsFile) {
        return claimsFile.getParent().getFileName().toString();
    }

    private static int rank(List<String> order, String name) {
        int i = order.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
