package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/**
 * One recorded op in the graph: its name, the inputs it read, and the function that maps the
 * gradient of its output to gradients of its inputs (the chain rule, one link).
 *
 * <p>Backward functions capture the tensors they need. The node remembers the version of each
 * tensor it saved, so that an in-place write after the forward pass is caught instead of silently
 * producing a wrong gradient. After a backward pass, unless the graph is retained, the node drops
 * its function, its saved tensors and its inputs, as PyTorch frees saved tensors: a loss kept for
 * logging then keeps only its own node, not every activation of the step.
 */
public final class Node {
    /** The local backward rule: gradient of the output in, one gradient per input out (null where not needed). */
    @FunctionalInterface
    public interface Backward {
        /** Gradients of the op's inputs, in argument order, given the gradient of its output. */
        Tensor[] apply(Tensor gradOutput);
    }

    private static final Tensor[] NOTHING_SAVED = {};
    private static final int[] NO_VERSIONS = {};

    private final String op;
    private List<Variable> inputs;
    private Tensor[] saved;
    private int[] savedVersions;
    private final StackTraceElement createdAt;
    private final int[] outputShape;
    private Backward backward;

    Node(String op, List<Variable> inputs, Tensor[] saved, Backward backward, int[] outputShape) {
        this.op = op;
        this.inputs = inputs;
        this.saved = saved;
        this.backward = backward;
        this.outputShape = outputShape;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].storage().version();
        }
        this.createdAt = Anomaly.isEnabled() ? Anomaly.callerOutsideEngine() : null;
    }

    /** The op's name, e.g. {@code tanh} or {@code matmul}. */
    public String op() {
        return op;
    }

    /** The variables this op read, in argument order; empty once a backward pass has freed the node. */
    public List<Variable> inputs() {
        return inputs;
    }

    /** Shape of the op's output. */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Where in user code the op was created (only recorded in anomaly mode), else null. */
    public StackTraceElement createdAt() {
        return createdAt;
    }

    /** Runs the local backward rule after checking that nothing it saved was modified in place. */
    Tensor[] backward(Tensor gradOutput, boolean retainGraph) {
        if (backward == null) {
            throw new IllegalStateException("backward: the graph through '" + op + "' was already freed by an earlier "
                    + "backward(); pass retainGraph = true to the first call to run backward twice");
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].storage().version() != savedVersions[i]) {
                throw new IllegalStateException("backward: a tensor of shape " + java.util.Arrays.toString(saved[i].shape())
                        + " saved by '" + op + "' was modified in place after the forward pass (version "
                        + savedVersions[i] + " -> " + saved[i].storage().version() + "); clone it before writing");
            }
        }
        Tensor[] grads = backward.apply(gradOutput);
        if (!retainGraph) {
            backward = null;
            saved = NOTHING_SAVED;
            savedVersions = NO_VERSIONS;
            inputs = List.of();
        }
        return grads;
    }

    @Override
    public String toString() {
        return op + java.util.Arrays.toString(outputShape);
    }
}
