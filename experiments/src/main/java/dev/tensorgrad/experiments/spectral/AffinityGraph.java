package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

/**
 * The graph view of a point cloud used by spectral clustering: every point is a node, every pair
 * is joined by an edge whose weight decays with their distance, and the clustering is read from
 * the leading singular vectors of a normalised adjacency matrix.
 *
 * <p>All matrices are FLOAT64 tensors of shape [n, n].
 */
public final class AffinityGraph {

    private AffinityGraph() {
    }

    /**
     * The Gaussian-kernel adjacency matrix {@code A_ij = exp(-gamma ||p_i - p_j||^2)} (homework
     * eq. 4). The diagonal is {@code exp(0) = 1}: each point is its own neighbour, as in the notebook.
     *
     * @param points n rows of coordinates
     * @throws IllegalArgumentException if gamma is not positive or the rows differ in length
     */
    public static Tensor adjacency(double[][] points, double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("adjacency: gamma must be positive, got " + gamma);
        }
        int n = points.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (points[i].length != points[0].length) {
                throw new IllegalArgumentException("adjacency: point " + i + " has " + points[i].length
                        + " coordinates but point 0 has " + points[0].length);
            }
            for (int j = 0; j < n; j++) {
                double d2 = 0;
                for (int c = 0; c < points[i].length; c++) {
                    double diff = points[i][c] - points[j][c];
                    d2 += diff * diff;
                }
                a[i * n + j] = Math.exp(-gamma * d2);
            }
        }
        return Tensor.of(a, n, n);
    }

    /**
     * The degree of every node, the column sums of A: {@code deg_j = sum_i A_ij}. These are the
     * diagonal of the degree matrix D.
     *
     * @return shape [n]
     * @throws IllegalArgumentException if A is not square
     */
    public static Tensor degrees(Tensor adjacency) {
        checkSquare("degrees", adjacency);
        return adjacency.to(DType.FLOAT64).sum(0);
    }

    /**
     * The symmetrically normalised adjacency {@code M = D^-1/2 A D^-1/2} (homework eq. 5):
     * {@code M_ij = A_ij / sqrt(deg_i deg_j)}.
     *
     * @throws IllegalArgumentException if A is not square
     */
    public static Tensor symmetricNormalized(Tensor adjacency) {
        int n = checkSquare("symmetricNormalized", adjacency);
        Tensor invSqrtDegree = degrees(adjacency).sqrt().pow(-1);
        return adjacency.to(DType.FLOAT64).mul(invSqrtDegree.view(n, 1)).mul(invSqrtDegree.view(1, n));
    }

    /**
     * The column-stochastic version of a non-negative matrix: each column divided by its sum, so
     * every column sums to 1 and column j reads as the probabilities of stepping from node j to
     * each node in a random walk.
     *
     * @throws IllegalArgumentException if M is not square
     */
    public static Tensor columnStochastic(Tensor m) {
        int n = checkSquare("columnStochastic", m);
        Tensor m64 = m.to(DType.FLOAT64);
        return m64.div(m64.sum(0).view(1, n));
    }

    /**
     * The largest asymmetry {@code max_ij |A_ij - A_ji|}: 0 for the adjacency of an undirected graph.
     *
     * @throws IllegalArgumentException if A is not square
     */
    public static double maxAsymmetry(Tensor adjacency) {
        checkSquare("maxAsymmetry", adjacency);
        return adjacency.sub(adjacency.t()).abs().max().item();
    }

    /**
     * A spectral embedding: each node's coordinates along the top k left singular vectors.
     *
     * @param rows           n rows of k coordinates, row i being node i
     * @param singularValues the k largest singular values, descending
     */
    public record Embedding(double[][] rows, double[] singularValues) {
    }

    /**
     * The spectral embedding of M: its left singular vectors for the {@code k} largest singular
     * values, one row per node.
     *
     * @throws IllegalArgumentException if M is not square or k is outside [1, n]
     */
    public static Embedding embed(Tensor m, int k) {
        int n = checkSquare("embed", m);
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("embed: k must be in [1, " + n + "], got " + k);
        }
        // Linalg.svd returns singular values in descending order, so the first k columns are the top k.
        Linalg.Decomposition svd = Linalg.svd(m);
        return new Embedding(svd.u().narrow(1, 0, k).toDoubleMatrix(), svd.s().narrow(0, 0, k).toDoubleArray());
    }

    private static int checkSquare(String op, Tensor m) {
        if (m.rank() != 2 || m.size(0) != m.size(1)) {
            throw new IllegalArgumentException(op + ": expects a square [n, n] matrix, got shape " + Shape.format(m.shape()));
        }
        return m.size(0);
    }
}
