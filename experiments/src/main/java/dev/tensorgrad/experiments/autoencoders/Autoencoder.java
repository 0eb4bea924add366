package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Layer;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Module;
import dev.tensorgrad.nn.ReLU;
import dev.tensorgrad.nn.Sequential;
import dev.tensorgrad.nn.Sigmoid;
import dev.tensorgrad.tensor.Rng;

/**
 * An encoder f: R^m -> R^k and a decoder g: R^k -> R^m, trained so that g(f(x)) reconstructs x.
 * The latent z = f(x) is what a linear probe later reads. Parameters are named {@code encoder.*}
 * and {@code decoder.*}.
 */
public final class Autoencoder extends Module {
    private final Layer encoder;
    private final Layer decoder;

    /** Wraps an encoder [n, m] -> [n, k] and a decoder [n, k] -> [n, m]. */
    public Autoencoder(Layer encoder, Layer decoder) {
        this.encoder = registerModule("encoder", encoder);
        this.decoder = registerModule("decoder", decoder);
    }

    /**
     * The linear autoencoder of the synthetic study: z = W1 x + b1, x_hat = W2 z + b2. Without a
     * nonlinearity a random square W1 is invertible, which is what lets an untrained encoder with
     * k >= m keep all the information.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Autoencoder linear(int inputs, int latent, Rng rng) {
        return new Autoencoder(new Linear(inputs, latent, rng), new Linear(latent, inputs, rng));
    }

    /**
     * A multilayer autoencoder for images with values in [0, 1]:
     * m -> hidden -> ReLU -> latent (linear) -> hidden -> ReLU -> m -> sigmoid.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Autoencoder mlp(int inputs, int hidden, int latent, Rng rng) {
        Sequential encoder = new Sequential(
                new Linear(inputs, hidden, rng), new ReLU(), new Linear(hidden, latent, rng));
        Sequential decoder = new Sequential(
                new Linear(latent, hidden, rng), new ReLU(), new Linear(hidden, inputs, rng), new Sigmoid());
        return new Autoencoder(encoder, decoder);
    }

    /** The latent code z = f(x): [n, m] -> [n, k]. */
    public Variable encode(Variable x) {
        return encoder.forward(x);
    }

    /** The reconstruction g(f(x)): [n, m] -> [n, m]. */
    public Variable reconstruct(Variable x) {
        return decoder.forward(encoder.forward(x));
    }
}
