package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/**
 * A differentiable op written by the user: a forward on plain tensors and a backward that turns
 * the output's gradient into one gradient per input (the chain rule, one link). Applied to
 * variables with {@link #apply}, it is recorded in the graph exactly like the built-in ops, so
 * backward, hooks, anomaly mode, {@link DotExport} and {@link GradCheck} all see it.
 *
 * <p>Either implement the interface, or pass a lambda pair to {@link #of}:
 * <pre>{@code
 * // softplus(x) = log(1 + e^x),  d/dx softplus(x) = sigmoid(x)
 * CustomOp softplus = CustomOp.of("softplus",
 *         in -> in[0].exp().add(1).log(),
 *         (g, in, out) -> new Tensor[] {g.mul(in[0].sigmoid())});
 * Variable y = softplus.apply(x);
 * GradCheck.assertGradients(v -> softplus.apply(v[0]).sum(), xValues);
 * }</pre>
 *
 * <p>The forward must not write into its inputs. The inputs and the output are saved for backward;
 * writing into them in place afterwards makes backward throw, as for built-in ops.
 */
public interface CustomOp {
    /** The forward computation, as a lambda for {@link #of}. */
    @FunctionalInterface
    interface Forward {
        /** Computes the output from the input values. */
        Tensor apply(Tensor... inputs);
    }

    /** The backward computation, as a lambda for {@link #of}. */
    @FunctionalInterface
    interface Backward {
        /** Maps the output's gradient to one gradient per input (null for an input that needs none). */
        Tensor[] apply(Tensor gradOutput, Tensor[] inputs, Tensor output);
    }

    /** The name shown in the graph, DOT export and error messages. */
    String name();

    /** Computes the output from the input values. */
    Tensor forward(Tensor... inputs);

    /**
     * Maps the gradient of the output (shape of {@code output}) to one gradient per input, each of
     * that input's shape; an entry may be null for an input that takes no gradient.
     */
    Tensor[] backward(Tensor gradOutput, Tensor[] inputs, Tensor output);

    /** An op from a name and a forward/backward lambda pair. */
    static CustomOp of(String name, Forward forward, Backward backward) {
        return new CustomOp() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tensor forward(Tensor... inputs) {
                return forward.apply(inputs);
            }

            @Override
            public Tensor[] backward(Tensor gradOutput, Tensor[] inputs, Tensor output) {
                return backward.apply(gradOutput, inputs, output);
            }
        };
    }

    /**
     * Runs the forward on the inputs' values and records the op in the graph.
     *
     * @throws IllegalStateException if the forward returns null, or (during backward) if the
     *     backward returns the wrong number of gradients or a gradient of the wrong shape
     */
    default Variable apply(Variable... inputs) {
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].data();
        }
        Tensor output = forward(values.clone());
        if (output == null) {
            throw new IllegalStateException(name() + ": forward returned null");
        }
        Tensor[] saved = java.util.Arrays.copyOf(values, values.length + 1);
        saved[values.length] = output;
        return Graph.record(name(), output, List.of(inputs), saved, g -> {
            Tensor[] grads = backward(g, values.clone(), output);
            if (grads == null || grads.length != inputs.length) {
                throw new IllegalStateException(name() + ": backward returned "
                        + (grads == null ? "null" : grads.length + " gradients") + " for " + inputs.length + " inputs");
            }
            return grads;
        });
    }
}
