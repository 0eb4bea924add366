package dev.tensorgrad.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab-notebook page of one experiment, written as {@code report.md}, with its claims in
 * {@code claims.json} beside it for the index in {@code reports/README.md}.
 *
 * <p>The page always reads in notebook order, whatever order the experiment calls these methods in:
 * the homework's question, the setup, the run (text, figures and tables, in the order added), the
 * claims table, the verdict.
 */
public final class Report {

    private final String name;
    private final String title;
    private final List<String> question = new ArrayList<>();
    private final List<String> setup = new ArrayList<>();
    private final List<Block> run = new ArrayList<>();
    private final List<Claim> claims = new ArrayList<>();
    private final List<String> verdict = new ArrayList<>();

    /** One piece of the run section: a paragraph, a figure or a table. */
    private sealed interface Block {
    }

    private record Text(String markdown) implements Block {
    }

    private record Figure(String caption, Path png) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /**
     * Starts an empty report.
     *
     * @param name  the experiment's name, e.g. {@code deep-rnn}
     * @param title the page title, e.g. "Deep RNNs on the running average (1h)"
     */
    public Report(String name, String title) {
        this.name = name;
        this.title = title;
    }

    /** The experiment's name. */
    public String name() {
        return name;
    }

    /** Adds the homework's question, quoted verbatim or closely paraphrased (markdown). */
    public Report question(String markdown) {
        question.add(markdown.strip());
        return this;
    }

    /** Adds to the setup: data, model, sizes, optimiser, what is measured (markdown). */
    public Report setup(String markdown) {
        setup.add(markdown.strip());
        return this;
    }

    /** Adds a paragraph to the run section (markdown). */
    public Report text(String markdown) {
        run.add(new Text(markdown.strip()));
        return this;
    }

    /**
     * Adds a figure to the run section; the link is made relative to the report's folder.
     *
     * @param png a PNG file inside the experiment's output folder
     */
    public Report figure(String caption, Path png) {
        run.add(new Figure(caption, png));
        return this;
    }

    /**
     * Adds a table to the run section.
     *
     * @throws IllegalArgumentException if a row's length differs from the header's
     */
    public Report table(List<String> header, List<List<String>> rows) {
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("report: table row " + row + " has " + row.size()
                        + " cells but the header " + header + " has " + header.size());
            }
        }
        run.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    /** Adds a checked claim; it appears in the claims table and in {@code reports/README.md}. */
    public Report claim(Claim claim) {
        claims.add(claim);
        return this;
    }

    /** Adds to the verdict: what the measurements say about the homework's claims, plainly (markdown). */
    public Report verdict(String markdown) {
        verdict.add(markdown.strip());
        return this;
    }

    /** The claims added so far, in order. */
    public List<Claim> claims() {
        return List.copyOf(claims);
    }

    /** The markdown page; figure links are relative to {@code dir}, the folder the page is written to. */
    public String toMarkdown(Path dir) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        if (!question.isEmpty()) {
            md.append("## Question\n\n");
            question.forEach(q -> md.append("> ").append(q.replace("\n", "\n> ")).append("\n\n"));
        }
        if (!setup.isEmpty()) {
            md.append("## Setup\n\n");
            setup.forEach(s -> md.append(s).append("\n\n"));
        }
        if (!run.isEmpty()) {
            md.append("## Run\n\n");
            for (Block block : run) {
                switch (block) {
                    case Text t -> md.append(t.markdown()).append("\n\n");
                    case Figure f -> md.append("![").append(f.caption()).append("](")
                            .append(relative(dir, f.png())).append(")\n\n*").append(f.caption()).append("*\n\n");
                    case Table t -> appendTable(md, t.header(), t.rows());
                }
            }
        }
        if (!claims.isEmpty() || !verdict.isEmpty()) {
            md.append("## Verdict\n\n");
        }
        if (!claims.isEmpty()) {
            List<List<String>> rows = claims.stream()
                    .map(c -> List.of(c.text(), "`" + c.key() + "`", c.measuredText(), c.heldText()))
                    .toList();
            appendTable(md, List.of("claim", "metric", "measured", "held"), rows);
        }
        verdict.forEach(v -> md.append(v).append("\n\n"));
        return md.toString().stripTrailing() + "\n";
    }

    /**
     * Writes {@code report.md} and {@code claims.json} into {@code dir}, each atomically. Both texts
     * are built before either is written, so a claim that cannot be written (a NaN) writes nothing.
     *
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        String markdown = toMarkdown(dir);
        String claims = claimsJson();
        AtomicFiles.writeString(dir.resolve("report.md"), markdown);
        AtomicFiles.writeString(dir.resolve(ReportIndex.CLAIMS_FILE), claims);
    }

    private String claimsJson() {
        List<Object> list = new ArrayList<>();
        for (Claim c : claims) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", c.text());
            m.put("key", c.key());
            m.put("measured", c.measured());
            m.put("held", c.held());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", name);
        root.put("title", title);
        root.put("claims", list);
        return Json.write(root);
    }

    private static String relative(Path dir, Path file) {
        Path rel = dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }

    static void appendTable(StringBuilder md, List<String> header, List<List<String>> rows) {
        md.append(row(header)).append('|');
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        rows.forEach(r -> md.append(row(r)));
        md.append('\n');
    }

    private static String row(List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        // A bare '|' inside a cell would split it; markdown tables escape it.
        cells.forEach(c -> line.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
        return line.append('\n').toString();
    }
}
