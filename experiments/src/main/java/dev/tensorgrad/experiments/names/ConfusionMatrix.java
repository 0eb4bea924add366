package dev.tensorgrad.experiments.names;

/**
 * Counts of (true class, predicted class) pairs, and the scores read from them: accuracy,
 * per-class precision, recall and F1, and macro F1 (the unweighted mean of per-class F1, which
 * counts a rare language as much as a common one).
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /**
     * An empty matrix over {@code classes} classes.
     *
     * @throws IllegalArgumentException if classes is not positive
     */
    public ConfusionMatrix(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("confusion matrix: need at least one class, got " + classes);
        }
        counts = new long[classes][classes];
    }

    /**
     * Records one prediction.
     *
     * @throws IllegalArgumentException if a class is out of range
     */
    public void add(int truth, int predicted) {
        int n = counts.length;
        if (truth < 0 || truth >= n || predicted < 0 || predicted >= n) {
            throw new IllegalArgumentException("confusion matrix: classes must be in [0, " + n + "), got truth "
                    + truth + ", predicted " + predicted);
        }
        counts[truth][predicted]++;
    }

    /** The count of examples of class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** The number of recorded predictions. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** The fraction of predictions on the diagonal (0 when empty). */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        long n = total();
        return n == 0 ? 0 : (double) right / n;
    }

    /** Of the predictions of class c, the fraction that were right (0 when c was never predicted). */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /** Of the examples of class c, the fraction predicted as c (0 when there are none). */
    public double recall(int c) {
        long actual = support(c);
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    /** The harmonic mean of precision and recall of class c (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The number of examples of class c. */
    public long support(int c) {
        long n = 0;
        for (long x : counts[c]) {
            n += x;
        }
        return n;
    }

    /** The mean of {@link #f1} over the classes that have examples. */
    public double macroF1() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            if (support(c) > 0) {
                sum += f1(c);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /** Each row divided by its sum: row c is where examples of class c went (a row of zeros if c has none). */
    public double[][] rowNormalized() {
        int n = counts.length;
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            long s = support(i);
            for (int j = 0; j < n; j++) {
                rows[i][j] = s == 0 ? 0 : (double) counts[i][j] / s;
            }
        }
        return rows;
    }
}
