package dev.tensorgrad.nn;

import dev.tensorgrad.tensor.Tensor;

/**
 * dL/dh_t for every layer and step of an RNN, filled in during backward: the total gradient
 * reaching each hidden state from the loss, through later steps and through the layers above.
 * Pass one to {@link RNN#forward(dev.tensorgrad.autograd.Variable, dev.tensorgrad.autograd.Variable,
 * StepGradients)} or {@link RNN#forwardComposed}; read it after {@code loss.backward()}. This is
 * what a vanishing/exploding-gradient experiment plots against t.
 *
 * <p>Both forwards clear the recorder and size it for their layers and steps, so between a
 * forward and its backward it holds no gradient; backward then fills it. A recorder serves one
 * forward at a time: passing it to a second forward before the first's backward clears it again.
 */
public final class StepGradients {
    private Tensor[][] grads = new Tensor[0][0];

    /** An empty recorder. */
    public StepGradients() {
    }

    void reset(int layers, int steps) {
        grads = new Tensor[layers][steps];
    }

    void put(int layer, int t, Tensor gradient) {
        grads[layer][t] = gradient;
    }

    /**
     * dL/dh_t of the given layer, [B, H].
     *
     * @throws IllegalStateException if backward has not reached that step (yet)
     */
    public Tensor get(int layer, int t) {
        if (layer < 0 || layer >= grads.length || t < 0 || t >= grads[layer].length || grads[layer][t] == null) {
            throw new IllegalStateException("StepGradients: no gradient for layer " + layer + " step " + t
                    + "; run backward through the RNN first");
        }
        return grads[layer][t];
    }

    /**
     * The Frobenius norm of dL/dh_t of the given layer: the square root of the sum of the squares
     * of all B*H elements of the [B, H] gradient, one number for the whole batch (not a norm per
     * sample, nor a sum of per-sample norms).
     *
     * @throws IllegalStateException if backward has not reached that step (yet)
     */
    public double norm(int layer, int t) {
        double[] g = get(layer, t).toDoubleArray();
        double sum = 0;
        for (double v : g) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** Number of layers recorded: those of the last forward the recorder was passed to. */
    public int layers() {
        return grads.length;
    }

    /** Number of steps recorded: those of the last forward the recorder was passed to. */
    public int steps() {
        return grads.length == 0 ? 0 : grads[0].length;
    }
}
