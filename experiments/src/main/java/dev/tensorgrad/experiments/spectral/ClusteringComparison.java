package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

/**
 * The homework's three attempts on one dataset at one kernel width: K-means on the raw
 * coordinates, K-means on the top-k left singular vectors of {@code M = D^-1/2 A D^-1/2}, and
 * K-means on the top-k left singular vectors of the column-stochastic M, each scored by the
 * adjusted Rand index against the true clusters, with what was measured on the graph on the way.
 *
 * @param raw            K-means labels on the coordinates
 * @param symNorm        K-means labels on the sym-norm embedding
 * @param stochastic     K-means labels on the column-stochastic embedding
 * @param ariRaw         ARI of {@code raw}
 * @param ariSymNorm     ARI of {@code symNorm}
 * @param ariStochastic  ARI of {@code stochastic}
 * @param asymmetry      {@code max |A_ij - A_ji|}
 * @param columnSumError {@code max_j |sum_i M_stoch_ij - 1|}
 * @param symValues      the top k singular values of M
 * @param stochValues    the top k singular values of M_stoch
 */
public record ClusteringComparison(int[] raw, int[] symNorm, int[] stochastic, double ariRaw, double ariSymNorm,
                                   double ariStochastic, double asymmetry, double columnSumError, double[] symValues,
                                   double[] stochValues) {

    /**
     * Runs the three clusterings of {@code data} into {@code k} clusters with the Gaussian kernel
     * of width {@code gamma}; every K-means keeps the best of {@code restarts} runs.
     *
     * @param rng the source of every K-means choice, used in the order raw, sym-norm, stochastic
     * @throws IllegalArgumentException if gamma is not positive, or k or restarts is below 1 or k
     *                                  exceeds the number of points
     */
    public static ClusteringComparison run(MoonsAndBlob data, double gamma, int k, int restarts, Rng rng) {
        int[] truth = data.labels();
        int[] raw = KMeans.fit(data.rows(), k, restarts, rng).labels();

        Tensor a = AffinityGraph.adjacency(data.rows(), gamma);
        Tensor m = AffinityGraph.symmetricNormalized(a);
        AffinityGraph.Embedding sym = AffinityGraph.embed(m, k);
        int[] symLabels = KMeans.fit(sym.rows(), k, restarts, rng).labels();

        Tensor stochastic = AffinityGraph.columnStochastic(m);
        double columnSumError = stochastic.sum(0).sub(1.0).abs().max().item();
        AffinityGraph.Embedding stoch = AffinityGraph.embed(stochastic, k);
        int[] stochLabels = KMeans.fit(stoch.rows(), k, restarts, rng).labels();

        return new ClusteringComparison(raw, symLabels, stochLabels, AdjustedRandIndex.of(truth, raw),
                AdjustedRandIndex.of(truth, symLabels), AdjustedRandIndex.of(truth, stochLabels),
                AffinityGraph.maxAsymmetry(a), columnSumError, sym.singularValues(), stoch.singularValues());
    }
}
