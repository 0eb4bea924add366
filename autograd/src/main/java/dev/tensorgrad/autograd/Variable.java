package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A tensor that remembers how it was computed, so that gradients can flow back through it.
 * Ordinary code builds the graph as it runs (define-by-run): {@code x.matmul(w).add(b).tanh()}
 * creates three nodes, and {@code loss.backward()} fills {@link #grad()} of every leaf that
 * requires grad. Gradients accumulate across backward calls until {@link #zeroGrad()}, as in
 * PyTorch.
 *
 * <p>Grad mode is per thread, but a variable is not thread-safe: two threads running backward
 * through one shared leaf at the same time would race on its {@link #grad()}. Run one backward at a
 * time per set of parameters (PyTorch locks the accumulation; this engine keeps it a plain add).
 *
 * <p>The ops themselves, each with its backward beside its forward, live in
 * {@link ElementwiseOps}, {@link ReductionOps}, {@link ShapeOps}, {@link IndexOps} and
 * {@link MatmulOps}; this class is the API that reads like the math.
 */
public final class Variable {
    private final Tensor data;
    private boolean requiresGrad;
    private final Node gradFn;
    private Tensor grad;
    private boolean retainsGrad;
    private List<GradHook> hooks;

    Variable(Tensor data, boolean requiresGrad, Node gradFn) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.gradFn = gradFn;
    }

    /** A leaf that gradients flow into (a parameter or an input we differentiate with respect to). */
    public static Variable param(Tensor data) {
        return new Variable(data, true, null);
    }

    /** A leaf that takes no gradient (data, targets, constants). */
    public static Variable constant(Tensor data) {
        return new Variable(data, false, null);
    }

    /** A leaf with {@code requiresGrad} as given. */
    public static Variable of(Tensor data, boolean requiresGrad) {
        return new Variable(data, requiresGrad, null);
    }

    // ---------------------------------------------------------------- state

    /** The values (never copied; do not write to them while a graph that saved them is alive). */
    public Tensor data() {
        return data;
    }

    /** The accumulated gradient, or null before any backward reached this variable. */
    public Tensor grad() {
        return grad;
    }

    /** Whether gradients flow to (and through) this variable. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Turns gradients on or off for this leaf (PyTorch's {@code requires_grad_}), e.g. to freeze a
     * parameter; returns this. Change it between training steps, not between a forward pass and
     * its backward: ops decide at forward time whether to record a node, and backward reads the
     * flag again when it runs.
     *
     * @throws IllegalStateException if this is not a leaf (use {@link #detach()} to cut it off instead)
     */
    public Variable setRequiresGrad(boolean enabled) {
        if (gradFn != null) {
            throw new IllegalStateException("setRequiresGrad: only a leaf can change requiresGrad; this tensor of shape "
                    + Shape.format(data.shape()) + " was computed by '" + gradFn.op() + "' (use detach())");
        }
        requiresGrad = enabled;
        return this;
    }

    /** The node that produced this variable, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Whether this variable was created by the user rather than by an op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Shape of the values. */
    public int[] shape() {
        return data.shape();
    }

    /** Size of one dim (negative counts from the end). */
    public int size(int dim) {
        return data.size(dim);
    }

    /** Number of dims. */
    public int rank() {
        return data.rank();
    }

    /** Element type of the values. */
    public DType dtype() {
        return data.dtype();
    }

    /** The value of a one-element variable. */
    public double item() {
        return data.item();
    }

    /** Resets the accumulated gradient to null. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Makes backward store this non-leaf's gradient in {@link #grad()} too; returns this.
     *
     * @throws IllegalStateException if this variable does not require grad (it will never get one)
     */
    public Variable retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: a tensor of shape " + Shape.format(data.shape())
                    + " that does not require grad never gets a gradient");
        }
        retainsGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainsGrad;
    }

    /**
     * Registers a function called with this variable's gradient during backward, before it is
     * accumulated or passed on. It may return a replacement gradient of the same shape and dtype,
     * or null to keep it; it must not write into the gradient it is given, which other variables'
     * gradients may share.
     *
     * @return a handle whose {@code remove()} unregisters the hook
     * @throws IllegalStateException if this variable does not require grad
     */
    public GradHook.Handle registerHook(GradHook hook) {
        if (!requiresGrad) {
            throw new IllegalStateException("registerHook: cannot register a hook on a tensor of shape "
                    + Shape.format(data.shape()) + " that does not require grad");
        }
        if (hooks == null) {
            hooks = new ArrayList<>();
        }
        hooks.add(hook);
        // By identity, so that registering one hook twice and removing one handle leaves the other.
        boolean[] removed = {false};
        return () -> {
            if (!removed[0]) {
                removed[0] = true;
                for (int i = 0; i < hooks.size(); i++) {
                    if (hooks.get(i) == hook) {
                        hooks.remove(i);
                        return;
                    }
                }
            }
        };
    }

    Tensor runHooks(Tensor gradient) {
        if (hooks != null) {
            // A copy, so that a hook may remove itself (a one-shot hook) while the list is being walked;
            // a hook removed by an earlier one still runs in this pass, and no longer in the next.
            for (GradHook hook : List.copyOf(hooks)) {
                Tensor replaced = hook.onGradient(gradient);
                if (replaced != null) {
                    checkHookResult(replaced);
                    gradient = replaced;
                }
            }
        }
        return gradient;
    }

    /** A replacement of another shape or dtype would be summed or broadcast into a wrong gradient downstream. */
    private void checkHookResult(Tensor replaced) {
        if (!Graph.sameShape(replaced, data) || replaced.dtype() != data.dtype()) {
            throw new IllegalStateException("registerHook: a hook on a variable of shape " + Shape.format(data.shape())
                    + " (" + data.dtype() + ") returned a gradient of shape " + Shape.format(replaced.shape())
                    + " (" + replaced.dtype() + ")");
        }
    }

    void accumulateGrad(Tensor gradient) {
        grad = grad == null ? gradient.copy() : grad.addInPlace(gradient);
    }

    /** The same values cut off from the graph: gradients stop here. */
    public Variable detach() {
        return new Variable(data, false, null);
    }

    // ---------------------------------------------------------------- backward

    /** Backpropagates from this one-element variable (seed gradient 1), freeing the graph. */
    public void backward() {
        backward(false);
    }

    /**
     * Backpropagates from this one-element variable; with retainGraph the graph survives for
     * another backward (e.g. two losses sharing a trunk).
     */
    public void backward(boolean retainGraph) {
        if (data.numel() != 1) {
            throw new IllegalStateException("backward: output of shape " + Shape.format(data.shape())
                    + " is not a scalar; pass the upstream gradient with backward(gradient)");
        }
        Graph.backward(this, Tensor.onesLike(data), retainGraph);
    }

    /** Backpropagates with an explicit upstream gradient of this variable's shape, freeing the graph. */
    public void backward(Tensor gradient) {
        Graph.backward(this, gradient, false);
    }

    /** Backpropagates with an explicit upstream gradient; retainGraph keeps the graph for another backward. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Graph.backward(this, gradient, retainGraph);
    }

    // ---------------------------------------------------------------- elementwise

    /** this + other, broadcasting. */
    public Variable add(Variable other) {
        return ElementwiseOps.add(this, other);
    }

    /** this + value. */
    public Variable add(double value) {
        return ElementwiseOps.add(this, constantLike(value));
    }

    /** this - other, broadcasting. */
    public Variable sub(Variable other) {
        return ElementwiseOps.sub(this, other);
    }

    /** this - value. */
    public Variable sub(double value) {
        return ElementwiseOps.sub(this, constantLike(value));
    }

    /** this * other elementwise, broadcasting. */
    public Variable mul(Variable other) {
        return ElementwiseOps.mul(this, other);
    }

    /** this * value. */
    public Variable mul(double value) {
        return ElementwiseOps.mul(this, constantLike(value));
    }

    /** this / other elementwise, broadcasting. */
    public Variable div(Variable other) {
        return ElementwiseOps.div(this, other);
    }

    /** this / value. */
    public Variable div(double value) {
        return ElementwiseOps.div(this, constantLike(value));
    }

    /** this ^ exponent for a constant exponent. */
    public Variable pow(double exponent) {
        return ElementwiseOps.pow(this, exponent);
    }

    /** -this. */
    public Variable neg() {
        return ElementwiseOps.neg(this);
    }

    /** e^this. */
    public Variable exp() {
        return ElementwiseOps.exp(this);
    }

    /** Natural logarithm. */
    public Variable log() {
        return ElementwiseOps.log(this);
    }

    /** Square root. */
    public Variable sqrt() {
        return ElementwiseOps.sqrt(this);
    }

    /** Absolute value. */
    public Variable abs() {
        return ElementwiseOps.abs(this);
    }

    /** Hyperbolic tangent. */
    public Variable tanh() {
        return ElementwiseOps.tanh(this);
    }

    /** Logistic sigmoid. */
    public Variable sigmoid() {
        return ElementwiseOps.sigmoid(this);
    }

    /** max(this, 0). */
    public Variable relu() {
        return ElementwiseOps.relu(this);
    }

    /** Elementwise maximum, broadcasting. */
    public Variable maximum(Variable other) {
        return ElementwiseOps.maximum(this, other);
    }

    /** Elementwise minimum, broadcasting. */
    public Variable minimum(Variable other) {
        return ElementwiseOps.minimum(this, other);
    }

    /** Limits values to [min, max]; the gradient is zero where clamping took effect. */
    public Variable clamp(double min, double max) {
        return ElementwiseOps.clamp(this, min, max);
    }

    /** Elements of a where the mask is non-zero, else of b (the mask takes no gradient). */
    public static Variable where(Tensor mask, Variable a, Variable b) {
        return ElementwiseOps.where(mask, a, b);
    }

    private Variable constantLike(double value) {
        return constant(Tensor.scalar(value, data.dtype()));
    }

    // ---------------------------------------------------------------- reductions

    /** Sum over the given dims (all if none are given). */
    public Variable sum(int... dims) {
        return ReductionOps.sum(this, dims, false);
    }

    /** Sum over dims, keeping them with size 1 if keepDim. */
    public Variable sum(int[] dims, boolean keepDim) {
        return ReductionOps.sum(this, dims, keepDim);
    }

    /** Mean over the given dims (all if none are given). */
    public Variable mean(int... dims) {
        return ReductionOps.mean(this, dims, false);
    }

    /** Mean over dims, keeping them with size 1 if keepDim. */
    public Variable mean(int[] dims, boolean keepDim) {
        return ReductionOps.mean(this, dims, keepDim);
    }

    /** Maximum over dims (all if none are given); the gradient goes to the maximal elements. */
    public Variable max(int... dims) {
        return ReductionOps.max(this, dims, false);
    }

    /** Maximum over dims, keeping them with size 1 if keepDim. */
    public Variable max(int[] dims, boolean keepDim) {
        return ReductionOps.max(this, dims, keepDim);
    }

    /** log(sum(exp(this))) along dim. */
    public Variable logSumExp(int dim, boolean keepDim) {
        return ReductionOps.logSumExp(this, dim, keepDim);
    }

    /** Softmax along dim. */
    public Variable softmax(int dim) {
        return ReductionOps.softmax(this, dim);
    }

    /** Log-softmax along dim. */
    public Variable logSoftmax(int dim) {
        return ReductionOps.logSoftmax(this, dim);
    }

    // ---------------------------------------------------------------- products

    /** Matrix product with PyTorch's matmul rules (1-D, 2-D, batched). */
    public Variable matmul(Variable other) {
        return MatmulOps.matmul(this, other);
    }

    // ---------------------------------------------------------------- shape

    /** Same elements, new shape (one size may be -1). */
    public Variable reshape(int... shape) {
        return ShapeOps.reshape(this, shape);
    }

    /** Swaps two dims. */
    public Variable transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    /** Matrix transpose; a 0-D or 1-D variable is returned unchanged, as in PyTorch. */
    public Variable t() {
        if (rank() > 2) {
            throw new IllegalArgumentException("t: expects a tensor with at most 2 dims, got shape "
                    + Shape.format(data.shape()));
        }
        return rank() < 2 ? this : ShapeOps.transpose(this, 0, 1);
    }

    /** Reorders dims. */
    public Variable permute(int... order) {
        return ShapeOps.permute(this, order);
    }

    /** Python's x[start:end:step] along dim. */
    public Variable slice(int dim, int start, int end, int step) {
        return ShapeOps.slice(this, dim, start, end, step);
    }

    /** The slice at index along dim, with that dim removed. */
    public Variable select(int dim, int index) {
        return ShapeOps.select(this, dim, index);
    }

    /** Broadcasts to a larger shape. */
    public Variable expand(int... shape) {
        return ShapeOps.expand(this, shape);
    }

    /** Removes dim if it has size 1. */
    public Variable squeeze(int dim) {
        return ShapeOps.squeeze(this, dim);
    }

    /** Inserts a size-1 dim. */
    public Variable unsqueeze(int dim) {
        return ShapeOps.unsqueeze(this, dim);
    }

    /** Concatenates along an existing dim. */
    public static Variable cat(int dim, Variable... parts) {
        return ShapeOps.cat(dim, parts);
    }

    /** Stacks equal-shaped variables along a new dim. */
    public static Variable stack(int dim, Variable... parts) {
        return ShapeOps.stack(dim, parts);
    }

    // ---------------------------------------------------------------- indexing

    /** Slices picked by integer index along dim (an embedding lookup for dim 0). */
    public Variable indexSelect(int dim, int... indices) {
        return IndexOps.indexSelect(this, dim, indices);
    }

    /** PyTorch's gather along dim with an integer-valued index tensor. */
    public Variable gather(int dim, Tensor index) {
        return IndexOps.gather(this, dim, index);
    }

    @Override
    public String toString() {
        String fn = gradFn == null ? (requiresGrad ? ", requiresGrad=true" : "") : ", gradFn=" + gradFn.op();
        return "Variable(" + data + fn + ")";
    }
}
