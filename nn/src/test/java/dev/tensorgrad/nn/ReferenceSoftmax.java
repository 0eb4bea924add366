package dev.tensorgrad.nn;

/** The plain-loop log-softmax the cross-entropy tests compute their expected values with. */
final class ReferenceSoftmax {
    private ReferenceSoftmax() {
    }

    /** log softmax(row)[k], with the row's maximum subtracted first so that exp cannot overflow. */
    static double logSoftmax(double[] row, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : row) {
            sum += Math.exp(v - max);
        }
        return row[k] - max - Math.log(sum);
    }
}
