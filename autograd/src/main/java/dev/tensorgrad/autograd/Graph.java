package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Building the graph during the forward pass and walking it backwards. Every differentiable op
 * calls {@link #record}; {@link #backward} sorts the variables reachable from the root
 * topologically and applies each node's local rule in reverse order, summing the gradients that
 * arrive at a variable from every place it was used.
 */
public final class Graph {
    /** Whether ops record nodes; per thread, like PyTorch's grad mode. */
    private static final ThreadLocal<Boolean> GRAD_ENABLED = ThreadLocal.withInitial(() -> true);
    /** The number of the backward pass running on this thread, 0 outside any pass. */
    private static final ThreadLocal<long[]> CURRENT_PASS = ThreadLocal.withInitial(() -> new long[1]);
    private static final AtomicLong PASSES_STARTED = new AtomicLong();

    private Graph() {
    }

    /** A scope in which ops record nothing: {@code try (var scope = Graph.noGrad()) { ... }}. */
    public static Scope noGrad() {
        return setGradEnabled(false);
    }

    /**
     * A scope in which ops record again, inside a {@link #noGrad()} scope (PyTorch's
     * {@code enable_grad}): {@code try (var scope = Graph.enableGrad()) { ... }}.
     */
    public static Scope enableGrad() {
        return setGradEnabled(true);
    }

    /** Sets recording on or off for this thread until the returned scope closes, which restores the previous state. */
    private static Scope setGradEnabled(boolean enabled) {
        boolean previous = GRAD_ENABLED.get();
        GRAD_ENABLED.set(enabled);
        return new Scope(() -> GRAD_ENABLED.set(previous));
    }

    /**
     * The number of the backward pass running on this thread (0 outside any pass), unique across
     * passes. A node that hands a value to a later node of the same pass (the fused RNN's hN
     * does) tags it with this number, so that a pass that failed halfway cannot leave the value
     * behind for the next pass.
     */
    public static long backwardPass() {
        return CURRENT_PASS.get()[0];
    }

    /** Whether ops currently record the graph. */
    public static boolean isGradEnabled() {
        return GRAD_ENABLED.get();
    }

    /**
     * A try-with-resources scope (from {@link #noGrad()} or {@link Anomaly#detect()}) that restores
     * the previous mode when closed. Its close cannot throw, so no catch block is needed.
     */
    public static final class Scope implements AutoCloseable {
        private final Runnable onClose;
        private boolean closed;

        Scope(Runnable onClose) {
            this.onClose = onClose;
        }

        /** Restores the mode that was in effect when the scope opened; closing it again does nothing. */
        @Override
        public void close() {
            // A second close would restore an outdated mode over whatever a later scope set.
            if (!closed) {
                closed = true;
                onClose.run();
            }
        }
    }

    /**
     * Wraps an op's output. If grad mode is on and any input requires grad, the output gets a node
     * holding {@code backward}; {@code saved} lists the tensors the rule reads, for the in-place check.
     */
    public static Variable record(String op, Tensor output, List<Variable> inputs, Tensor[] saved, Node.Backward backward) {
        Anomaly.checkForward(op, output);
        boolean needsGrad = false;
        for (int i = 0; i < inputs.size() && !needsGrad; i++) {
            needsGrad = inputs.get(i).requiresGrad();
        }
        if (!needsGrad || !isGradEnabled()) {
            return new Variable(output, false, null);
        }
        return new Variable(output, true, new Node(op, List.copyOf(inputs), saved, backward, output.shape()));
    }

    /** Shorthand for ops that save nothing beyond what their lambda captures and never changes. */
    public static Variable record(String op, Tensor output, List<Variable> inputs, Node.Backward backward) {
        return record(op, output, inputs, new Tensor[0], backward);
    }

    /** Runs backpropagation from {@code root} with upstream gradient {@code seed}. */
    static void backward(Variable root, Tensor seed, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor of shape " + Shape.format(root.data().shape())
                    + " does not require grad and has no graph behind it");
        }
        if (!Arrays.equals(seed.shape(), root.data().shape())) {
            throw new IllegalArgumentException("backward: gradient of shape " + Shape.format(seed.shape())
                    + " does not match the output shape " + Shape.format(root.data().shape()));
        }
        if (seed.dtype() != root.dtype()) {
            throw new IllegalArgumentException("backward: gradient of dtype " + seed.dtype()
                    + " does not match the output dtype " + root.dtype());
        }
        long[] currentPass = CURRENT_PASS.get();
        long enclosingPass = currentPass[0]; // a hook may itself run a backward pass
        currentPass[0] = PASSES_STARTED.incrementAndGet();
        try {
            propagate(root, seed, retainGraph);
        } finally {
            currentPass[0] = enclosingPass;
        }
    }

    /** The backward pass proper: each variable's gradient, in reverse topological order, through its node. */
    private static void propagate(Variable root, Tensor seed, boolean retainGraph) {
        List<Variable> order = reverseTopologicalOrder(root);
        // Sized for the whole graph up front: growing an identity map re-hashes every entry.
        Map<Variable, Tensor> grads = new IdentityHashMap<>(order.size());
        grads.put(root, seed);
        for (Variable v : order) {
            Tensor grad = grads.remove(v);
            if (grad == null) {
                continue; // no path from the root carries a gradient here
            }
            grad = v.runHooks(grad);
            if (v.isLeaf() || v.retainsGrad()) {
                v.accumulateGrad(grad);
            }
            Node node = v.gradFn();
            if (node == null) {
                continue;
            }
            List<Variable> inputs = node.inputs(); // read first: backward without retainGraph frees the node
            Tensor[] inputGrads = node.backward(grad, retainGraph);
            for (int i = 0; i < inputs.size(); i++) {
                Variable input = inputs.get(i);
                if (!input.requiresGrad() || inputGrads[i] == null) {
                    continue;
                }
                Anomaly.checkBackward(node, i, inputGrads[i]);
                checkGradShapeAndDtype(node, input, inputGrads[i]);
                // A variable used twice gets the sum of both paths' gradients.
                grads.merge(input, inputGrads[i], Tensor::add);
            }
        }
    }

    private static void checkGradShapeAndDtype(Node node, Variable input, Tensor grad) {
        if (!sameShape(grad, input.data())) {
            throw new IllegalStateException("backward of '" + node.op() + "' produced a gradient of shape "
                    + Shape.format(grad.shape()) + " for an input of shape " + Shape.format(input.data().shape()));
        }
        if (grad.dtype() != input.dtype()) {
            throw new IllegalStateException("backward of '" + node.op() + "' produced a " + grad.dtype()
                    + " gradient for a " + input.dtype() + " input of shape " + Shape.format(input.data().shape()));
        }
    }

    /** Whether two tensors have the same shape (compared size by size: shape() would copy both arrays). */
    static boolean sameShape(Tensor a, Tensor b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int d = 0; d < a.rank(); d++) {
            if (a.size(d) != b.size(d)) {
                return false;
            }
        }
        return true;
    }

    /** Variables reachable from root through nodes, each after every variable computed from it. */
    static List<Variable> reverseTopologicalOrder(Variable root) {
        List<Variable> order = inputsFirst(root, true);
        Collections.reverse(order);
        return order;
    }

    /**
     * Every variable reachable from root, each listed after all of its inputs (a post-order DFS);
     * with {@code onlyRequiringGrad}, inputs that take no gradient are left out. Iterative, because a
     * long RNN graph would overflow the call stack.
     */
    static List<Variable> inputsFirst(Variable root, boolean onlyRequiringGrad) {
        List<Variable> postOrder = new ArrayList<>();
        Map<Variable, Boolean> visited = new IdentityHashMap<>();
        Deque<Variable> stack = new ArrayDeque<>();
        Deque<Integer> nextChild = new ArrayDeque<>();
        stack.push(root);
        nextChild.push(0);
        visited.put(root, true);
        while (!stack.isEmpty()) {
            Variable v = stack.peek();
            int child = nextChild.pop();
            List<Variable> inputs = v.gradFn() == null ? List.of() : v.gradFn().inputs();
            if (child < inputs.size()) {
                nextChild.push(child + 1);
                Variable input = inputs.get(child);
                boolean wanted = input.requiresGrad() || !onlyRequiringGrad;
                if (wanted && visited.put(input, true) == null) {
                    stack.push(input);
                    nextChild.push(0);
                }
            } else {
                stack.pop();
                postOrder.add(v);
            }
        }
        return postOrder;
    }
}
