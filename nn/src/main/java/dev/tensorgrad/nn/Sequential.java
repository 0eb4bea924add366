package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import java.util.List;

/**
 * Layers applied one after another. Children are named "0", "1", ... as in PyTorch, so a
 * parameter reads {@code "0.weight"}.
 */
public final class Sequential extends Layer {
    private final List<Layer> layers;

    /**
     * Chains the given layers in order.
     *
     * @throws IllegalArgumentException if a layer is null
     */
    public Sequential(Layer... layers) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                throw new IllegalArgumentException("Sequential: layer " + i + " is null");
            }
            registerModule(Integer.toString(i), layers[i]);
        }
        this.layers = List.of(layers);
    }

    /** The layer at position i. */
    public Layer get(int i) {
        return layers.get(i);
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }

    /** Feeds x through every layer in turn. */
    @Override
    public Variable forward(Variable x) {
        for (Layer layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }
}
