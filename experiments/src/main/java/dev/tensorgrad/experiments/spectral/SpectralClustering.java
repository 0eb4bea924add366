package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.experiments.spectral.KernelWidthSweep.Method;
import dev.tensorgrad.tensor.Rng;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Homework problem 5, "the power of the graph perspective in clustering": K-means on raw 2-D
 * coordinates against K-means on the top singular vectors of the symmetrically normalised and the
 * column-stochastic Gaussian-kernel adjacency matrices, scored by the adjusted Rand index against
 * the true clusters, at the homework's kernel width and over a sweep of widths.
 */
public final class SpectralClustering implements Experiment {

    /** The kernel width the homework prescribes in (e). */
    private static final double HOMEWORK_GAMMA = 7.5;
    /** The sweep: the homework's gamma times 2^(k/2) for k = -1..8, half-octave steps up to 16 times it. */
    private static final double[] GAMMAS = IntStream.rangeClosed(-1, 8)
            .mapToDouble(k -> HOMEWORK_GAMMA * Math.pow(2, k / 2.0)).toArray();
    private static final int CLUSTERS = 3;
    private static final int RESTARTS = 10;
    /** Independent draws of the data per gamma; draw 0 is the one plotted. */
    private static final int DRAWS = 3;
    /** The moons' radius: 1, the size of scikit-learn's make_moons. */
    private static final double SCALE = 1.0;
    /** Moons twice as large: at gamma 7.5 they are the same graph as radius 1 at gamma 7.5 * 2^2. */
    private static final double LARGER_SCALE = 2.0;
    /** An ARI at or above this counts as separating the clusters; below it, as failing. */
    private static final double SEPARATED = 0.9;

    @Override
    public String name() {
        return "spectral-clustering";
    }

    @Override
    public String title() {
        return "The graph perspective in clustering (5)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        int perCluster = ctx.quick() ? 15 : 40;
        Rng rng = new Rng(ctx.seed());
        List<MoonsAndBlob> draws = new ArrayList<>();
        for (int d = 0; d < DRAWS; d++) {
            draws.add(MoonsAndBlob.generate(perCluster, SCALE, rng.fork()));
        }
        KernelWidthSweep sweep = KernelWidthSweep.run(draws, GAMMAS, CLUSTERS, RESTARTS, rng.fork());
        int hw = sweep.indexOf(HOMEWORK_GAMMA);
        MoonsAndBlob data = draws.get(0);
        ClusteringComparison main = sweep.cells()[hw][0];
        double gap = data.closestCrossClusterDistance();
        double lengthScale = 1 / Math.sqrt(HOMEWORK_GAMMA);
        double largerGamma = HOMEWORK_GAMMA * LARGER_SCALE * LARGER_SCALE;

        Report report = ctx.report();
        report.question("""
                (a) We used K-means to cluster this dataset into 3 classes. Did it work? \
                (c)-(e) Build the adjacency matrix A_ij = exp(-gamma ||x_i - x_j||^2) (is the graph directed or \
                undirected?), the degree matrix D and M = D^-1/2 A D^-1/2 with gamma = 7.5. \
                (f) Take the top 3 left singular vectors of M and run the same K-means on them. Did it work? \
                (g) Make M column-stochastic (columns sum to 1), take its top 3 left singular vectors, run K-means. \
                Did it work? The solution: (a) fails, (f) does better than (a) but leaves the upper two clusters \
                mixed, (g) works.""");
        report.setup(String.format(Locale.ROOT, """
                **Data.** The homework's text fixes gamma = %s, k = 3 and the matrices, but not the dataset: \
                it comes with the notebook, which we do not have. We use two interleaved half-moons of radius %s \
                (the curves of scikit-learn's `make_moons`, Gaussian noise %s) and a round Gaussian blob \
                (spread %s) below them, %d points per cluster (%d in all), %d independent draws from seed %d. \
                On draw 0 the closest two points of different clusters are %s apart, against the kernel's length \
                scale 1/sqrt(gamma) = %s (weight exp(-gamma d^2) = %s across that gap).

                **Methods.** Degrees are the column sums of A. M_stoch = M with each column divided by its sum. \
                SVD by one-sided Jacobi (`Linalg.svd`, FLOAT64). K-means: our own Lloyd iteration with \
                k-means++ seeding, %d restarts, best inertia kept, k = 3, run on the raw coordinates and on the \
                n x 3 embeddings (rows not normalised, as in the homework). Score: adjusted Rand index (ARI) \
                against the true clusters (1 = perfect, about 0 = chance); ARI >= %s counts as separating the \
                clusters.

                **Sweep.** The same three clusterings at gamma in %s on every draw. A sees the data only through \
                gamma * distance^2, so scaling the figure by s is the same as multiplying gamma by s^2: the \
                column gamma = g is also the data at radius sqrt(g / %s) with the homework's gamma; moons of \
                radius %s, for instance, are the gamma = %s column.""",
                Claim.format(HOMEWORK_GAMMA), Claim.format(SCALE), Claim.format(MoonsAndBlob.NOISE * SCALE),
                Claim.format(MoonsAndBlob.BLOB_SPREAD * SCALE), perCluster, 3 * perCluster, DRAWS, ctx.seed(), Claim.format(gap),
                Claim.format(lengthScale), Claim.format(Math.exp(-HOMEWORK_GAMMA * gap * gap)), RESTARTS,
                Claim.format(SEPARATED), format(GAMMAS), Claim.format(HOMEWORK_GAMMA), Claim.format(LARGER_SCALE),
                Claim.format(largerGamma)));

        double[] meanRaw = sweep.meanAri(Method.RAW);
        double[] meanSym = sweep.meanAri(Method.SYM_NORM);
        double[] meanStoch = sweep.meanAri(Method.STOCHASTIC);
        int[] sepSym = sweep.separatedDraws(Method.SYM_NORM, SEPARATED);
        int[] sepStoch = sweep.separatedDraws(Method.STOCHASTIC, SEPARATED);
        IntPredicate onlyStoch = g -> meanStoch[g] >= SEPARATED && meanSym[g] < SEPARATED;
        IntPredicate onlySym = g -> meanSym[g] >= SEPARATED && meanStoch[g] < SEPARATED;
        // Each regime of the sweep under the words the verdict uses for it, in the verdict's order.
        Map<String, IntPredicate> regimes = new LinkedHashMap<>();
        regimes.put("both embeddings separate the clusters", g -> meanSym[g] >= SEPARATED && meanStoch[g] >= SEPARATED);
        regimes.put("only the column-stochastic one does (the solution's (f)/(g) picture)", onlyStoch);
        regimes.put("only the sym-norm one does", onlySym);
        regimes.put("neither does", g -> meanSym[g] < SEPARATED && meanStoch[g] < SEPARATED);

        Metrics m = ctx.metrics();
        m.put("ari_kmeans_raw", main.ariRaw());
        m.put("ari_svd_symnorm", main.ariSymNorm());
        m.put("ari_svd_stochastic", main.ariStochastic());
        m.put("mean_ari_kmeans_raw", meanRaw[hw]);
        m.put("mean_ari_svd_symnorm", meanSym[hw]);
        m.put("mean_ari_svd_stochastic", meanStoch[hw]);
        m.put("adjacency_max_asymmetry", main.asymmetry());
        m.put("adjacency_symmetric", main.asymmetry() == 0.0);
        m.put("stochastic_max_column_sum_error", main.columnSumError());
        m.put("symnorm_top_singular_values", main.symValues());
        m.put("stochastic_top_singular_values", main.stochValues());
        m.put("closest_cross_cluster_distance", gap);
        m.put("sweep_gammas", GAMMAS);
        m.put("sweep_mean_ari_kmeans_raw", meanRaw);
        m.put("sweep_mean_ari_svd_symnorm", meanSym);
        m.put("sweep_mean_ari_svd_stochastic", meanStoch);
        m.put("sweep_separated_draws_symnorm", Arrays.stream(sepSym).asDoubleStream().toArray());
        m.put("sweep_separated_draws_stochastic", Arrays.stream(sepStoch).asDoubleStream().toArray());
        m.put("sweep_gammas_only_stochastic_separates", count(onlyStoch));
        m.put("sweep_gammas_only_symnorm_separates", count(onlySym));

        plot(ctx, "truth.png", "Ground truth (draw 0)", data, data.labels());
        plot(ctx, "kmeans_raw.png", "K-means on coordinates, ARI " + Claim.format(main.ariRaw()), data, main.raw());
        plot(ctx, "svd_symnorm.png", "gamma " + Claim.format(HOMEWORK_GAMMA) + ": top-3 U of D^-1/2 A D^-1/2, ARI "
                + Claim.format(main.ariSymNorm()), data, main.symNorm());
        plot(ctx, "svd_stochastic.png", "gamma " + Claim.format(HOMEWORK_GAMMA) + ": top-3 U of M_stoch, ARI "
                + Claim.format(main.ariStochastic()), data, main.stochastic());
        report.text("""
                The graph is undirected: A is exactly symmetric (largest |A_ij - A_ji| = %s), because the distance \
                from x_i to x_j is the distance from x_j to x_i. After normalisation every column of M_stoch sums \
                to 1 within %s. At gamma = %s on draw 0 the top 3 singular values are M %s and M_stoch %s (three \
                values near 1 would mean three nearly disconnected pieces)."""
                .formatted(Claim.format(main.asymmetry()), Claim.format(main.columnSumError()),
                        Claim.format(HOMEWORK_GAMMA), format(main.symValues()), format(main.stochValues())));
        report.figure("Ground truth: upper moon, lower moon, blob", ctx.file("truth.png"));
        report.figure("Attempt 1: K-means on the raw coordinates", ctx.file("kmeans_raw.png"));
        report.figure("Attempt 2 (f): K-means on the top 3 left singular vectors of M = D^-1/2 A D^-1/2, gamma "
                + Claim.format(HOMEWORK_GAMMA), ctx.file("svd_symnorm.png"));
        report.figure("Attempt 3 (g): K-means on the top 3 left singular vectors of the column-stochastic M, gamma "
                + Claim.format(HOMEWORK_GAMMA), ctx.file("svd_stochastic.png"));

        // Octaves from the homework's gamma give round tick labels: 0 is gamma 7.5, 2 is moons of radius 2.
        double[] log2Gamma = Arrays.stream(GAMMAS).map(g -> Math.log(g / HOMEWORK_GAMMA) / Math.log(2)).toArray();
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("SVD of M (sym-norm)", new double[][] {log2Gamma, meanSym});
        series.put("SVD of M_stoch", new double[][] {log2Gamma, meanStoch});
        series.put("K-means on coordinates", new double[][] {log2Gamma, meanRaw});
        series.put("separation threshold", new double[][] {log2Gamma, constant(GAMMAS.length, SEPARATED)});
        Plots.line(ctx.file("ari_vs_gamma.png"), "Mean ARI over " + DRAWS + " draws vs kernel width, radius "
                        + Claim.format(SCALE), "log2(gamma / " + Claim.format(HOMEWORK_GAMMA) + ")",
                "adjusted Rand index", false, series);
        report.figure("Mean ARI of each method against log2(gamma / " + Claim.format(HOMEWORK_GAMMA) + "): 0 is the "
                + "homework's gamma, " + Claim.format(Math.log(largerGamma / HOMEWORK_GAMMA) / Math.log(2))
                + " moons of radius " + Claim.format(LARGER_SCALE), ctx.file("ari_vs_gamma.png"));
        List<List<String>> rows = new ArrayList<>();
        for (int g = 0; g < GAMMAS.length; g++) {
            rows.add(List.of(Claim.format(GAMMAS[g]), Claim.format(Math.sqrt(GAMMAS[g] / HOMEWORK_GAMMA)),
                    Claim.format(meanRaw[g]), Claim.format(meanSym[g]) + " (" + sepSym[g] + "/" + DRAWS + ")",
                    Claim.format(meanStoch[g]) + " (" + sepStoch[g] + "/" + DRAWS + ")"));
        }
        report.table(List.of("gamma", "same as radius at gamma " + Claim.format(HOMEWORK_GAMMA),
                "K-means on coordinates", "SVD of M (sym-norm): mean ARI (draws separated)",
                "SVD of M_stoch: mean ARI (draws separated)"), rows);
        plotRegime(ctx, report, sweep, draws);

        report.claim(Claim.below("The adjacency matrix is symmetric: the graph is undirected", m,
                "adjacency_max_asymmetry", 1e-12));
        report.claim(Claim.below("(a) K-means on the raw coordinates fails (mean ARI < " + Claim.format(SEPARATED)
                + ")", m, "mean_ari_kmeans_raw", SEPARATED));
        report.claim(new Claim("(f) At gamma " + Claim.format(HOMEWORK_GAMMA) + " the sym-norm SVD embedding does "
                + "better than raw K-means (mean ARI above " + Claim.format(meanRaw[hw]) + ")",
                "mean_ari_svd_symnorm", meanSym[hw], meanSym[hw] > meanRaw[hw]));
        report.claim(Claim.below("(f) At gamma " + Claim.format(HOMEWORK_GAMMA) + " the sym-norm SVD embedding does "
                + "not separate all three clusters (mean ARI < " + Claim.format(SEPARATED) + ")", m,
                "mean_ari_svd_symnorm", SEPARATED));
        report.claim(Claim.atLeast("(g) At gamma " + Claim.format(HOMEWORK_GAMMA) + " the column-stochastic SVD "
                + "embedding works (mean ARI >= " + Claim.format(SEPARATED) + ")", m, "mean_ari_svd_stochastic",
                SEPARATED));
        report.claim(Claim.atLeast("(f)+(g) At some gamma of the sweep the column-stochastic embedding separates "
                + "the clusters (mean ARI >= " + Claim.format(SEPARATED) + ") while the sym-norm one does not", m,
                "sweep_gammas_only_stochastic_separates", 1));
        report.verdict(verdict(meanRaw, meanSym, meanStoch, hw, sweep.indexOf(largerGamma),
                regimes, sepSym, sepStoch));
    }

    /**
     * If some draw at some gamma shows the solution's picture (sym-norm fails, stochastic works),
     * plots the first such cell so the reader sees what the sweep counts.
     */
    private static void plotRegime(RunContext ctx, Report report, KernelWidthSweep sweep, List<MoonsAndBlob> draws)
            throws IOException {
        for (int g = 0; g < GAMMAS.length; g++) {
            for (int d = 0; d < DRAWS; d++) {
                ClusteringComparison c = sweep.cells()[g][d];
                if (c.ariSymNorm() < SEPARATED && c.ariStochastic() >= SEPARATED) {
                    String where = "gamma " + Claim.format(GAMMAS[g]) + ", draw " + d;
                    plot(ctx, "regime_svd_symnorm.png", where + ": top-3 U of M, ARI "
                            + Claim.format(c.ariSymNorm()), draws.get(d), c.symNorm());
                    plot(ctx, "regime_svd_stochastic.png", where + ": top-3 U of M_stoch, ARI "
                            + Claim.format(c.ariStochastic()), draws.get(d), c.stochastic());
                    report.figure("The first cell of the sweep where sym-norm fails and stochastic works ("
                            + where + "): sym-norm embedding", ctx.file("regime_svd_symnorm.png"));
                    report.figure("The same cell: column-stochastic embedding", ctx.file("regime_svd_stochastic.png"));
                    return;
                }
            }
        }
        report.text("No single draw at any gamma of the sweep shows sym-norm failing while stochastic works.");
    }

    private static String verdict(double[] meanRaw, double[] meanSym, double[] meanStoch, int hw, int larger,
                                  Map<String, IntPredicate> regimes, int[] sepSym, int[] sepStoch) {
        List<String> lines = new ArrayList<>();
        String at = "at gamma " + Claim.format(HOMEWORK_GAMMA) + " on moons of radius " + Claim.format(SCALE);
        lines.add(meanRaw[hw] < SEPARATED
                ? "Raw K-means fails as the solution says (mean ARI " + Claim.format(meanRaw[hw]) + "): it cuts the "
                  + "plane into three convex cells, and the interleaved moons do not fit into convex cells."
                : "Raw K-means did not fail here (mean ARI " + Claim.format(meanRaw[hw]) + ").");
        lines.add("On the homework's setting (" + at + ") the sym-norm embedding scores " + Claim.format(meanSym[hw])
                + " and the column-stochastic one " + Claim.format(meanStoch[hw]) + ": "
                + outcome(meanSym[hw], meanStoch[hw]) + ".");
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, IntPredicate> regime : regimes.entrySet()) {
            double[] hits = gammasWhere(regime.getValue());
            if (hits.length > 0) {
                parts.add(regime.getKey() + " at gamma " + format(hits));
            }
        }
        lines.add("Over the sweep (mean ARI over " + DRAWS + " draws): " + String.join("; ", parts) + ".");
        double[] stochAhead = gammasWhere(g -> sepStoch[g] > sepSym[g]);
        double[] symAhead = gammasWhere(g -> sepSym[g] > sepStoch[g]);
        lines.add("Draw by draw, the column-stochastic embedding separates more draws than the sym-norm one "
                + atGammas(stochAhead) + " and fewer " + atGammas(symAhead) + ".");
        lines.add("Moons of radius " + Claim.format(LARGER_SCALE) + " are the gamma = "
                + Claim.format(GAMMAS[larger]) + " column: sym-norm " + Claim.format(meanSym[larger])
                + ", stochastic " + Claim.format(meanStoch[larger]) + ": " + outcome(meanSym[larger],
                meanStoch[larger]) + ".");
        lines.add("Since the homework does not give its dataset, these regimes are for our moons-and-blob stand-in; "
                + "which one the notebook's data falls into decides whether its (f) and (g) answers reproduce.");
        return String.join(" ", lines);
    }

    /** A set of gammas after a verb, e.g. "at gamma [7.5, 15]" or "at no gamma". */
    private static String atGammas(double[] gammas) {
        return gammas.length == 0 ? "at no gamma" : "at gamma " + format(gammas);
    }

    private static String outcome(double sym, double stoch) {
        if (sym >= SEPARATED && stoch >= SEPARATED) {
            return "both separate the clusters, so (f)'s failure does not reproduce";
        }
        if (stoch >= SEPARATED) {
            return "sym-norm fails and stochastic works, as the solution says";
        }
        if (sym >= SEPARATED) {
            return "sym-norm works and stochastic fails, the reverse of the solution";
        }
        return "both fail, so (f)'s failure reproduces but (g)'s success does not";
    }

    /** The gammas of the sweep whose grid index satisfies {@code p}, in sweep order. */
    private static double[] gammasWhere(IntPredicate p) {
        return IntStream.range(0, GAMMAS.length).filter(p).mapToDouble(g -> GAMMAS[g]).toArray();
    }

    private static double count(IntPredicate p) {
        return gammasWhere(p).length;
    }

    private static double[] constant(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }

    private static void plot(RunContext ctx, String file, String title, MoonsAndBlob data, int[] labels)
            throws IOException {
        Plots.scatter(ctx.file(file), title, data.x(), data.y(), labels);
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(Claim::format).toList().toString();
    }
}
