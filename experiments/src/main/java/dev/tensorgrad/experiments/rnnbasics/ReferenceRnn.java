package dev.tensorgrad.experiments.rnnbasics;

/**
 * The homework's RNN layer, linear head and task losses (1a-1c) written as plain loops over raw
 * double arrays, independent of the engine: h_t = tanh(W_h h_{t-1} + W_x x_t + b) from h_0 = 0,
 * y_hat_t = W_f h_t + b_f, and the mean squared error over every step (Task 1) or the last step
 * (Task 2). The experiment checks the engine's RNN, head and {@link SequenceTask} against it.
 */
public final class ReferenceRnn {
    private ReferenceRnn() {
    }

    /**
     * Every hidden state, [B][T][H].
     *
     * @param x  inputs [B][T][I]
     * @param wx W_x [H][I]
     * @param wh W_h [H][H]
     * @param b  b [H] (for the engine's RNN, b_ih + b_hh)
     */
    public static double[][][] hidden(double[][][] x, double[][] wx, double[][] wh, double[] b) {
        int batch = x.length;
        int steps = x[0].length;
        int h = b.length;
        double[][][] states = new double[batch][steps][h];
        for (int n = 0; n < batch; n++) {
            double[] prev = new double[h];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < h; i++) {
                    double a = b[i];
                    for (int j = 0; j < h; j++) {
                        a += wh[i][j] * prev[j];
                    }
                    for (int j = 0; j < x[n][t].length; j++) {
                        a += wx[i][j] * x[n][t][j];
                    }
                    states[n][t][i] = Math.tanh(a);
                }
                prev = states[n][t];
            }
        }
        return states;
    }

    /**
     * The head's predictions y_hat_t = W_f h_t + b_f for every sequence and step, [B][T][O].
     *
     * @param states hidden states [B][T][H]
     * @param wf     W_f [O][H]
     * @param bf     b_f [O]
     */
    public static double[][][] head(double[][][] states, double[][] wf, double[] bf) {
        double[][][] out = new double[states.length][states[0].length][bf.length];
        for (int n = 0; n < states.length; n++) {
            for (int t = 0; t < states[n].length; t++) {
                for (int o = 0; o < bf.length; o++) {
                    double y = bf[o];
                    for (int j = 0; j < states[n][t].length; j++) {
                        y += wf[o][j] * states[n][t][j];
                    }
                    out[n][t][o] = y;
                }
            }
        }
        return out;
    }

    /**
     * The mean squared error of predictions against labels, both [B][T][O]: averaged over every
     * step and output (Task 1) or over the outputs of the last step only (Task 2).
     *
     * @param lastStepOnly true for Task 2
     */
    public static double taskLoss(double[][][] yHat, double[][][] y, boolean lastStepOnly) {
        double sum = 0;
        int count = 0;
        for (int n = 0; n < yHat.length; n++) {
            int first = lastStepOnly ? yHat[n].length - 1 : 0;
            for (int t = first; t < yHat[n].length; t++) {
                for (int o = 0; o < yHat[n][t].length; o++) {
                    double d = yHat[n][t][o] - y[n][t][o];
                    sum += d * d;
                    count++;
                }
            }
        }
        return sum / count;
    }
}
