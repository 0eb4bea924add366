package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/** Reductions and the softmax family, each forward followed by its local derivative. */
final class ReductionOps {
    private ReductionOps() {
    }

    /** The shape x has after reducing dims with keepDim = true. */
    private static int[] keptShape(int[] shape, int[] dims) {
        int[] kept = shape.clone();
        if (dims.length == 0) {
            java.util.Arrays.fill(kept, 1);
        }
        for (int dim : dims) {
            kept[Shape.wrapDim("reduce", dim, shape.length)] = 1;
        }
        return kept;
    }

    /** Spreads a reduced gradient back over the input's shape (a stride-0 view, no copy). */
    private static Tensor spread(Tensor g, int[] keptShape, int[] inputShape) {
        return g.reshape(keptShape).expand(inputShape);
    }

    // d(sum x)/dx_i = 1: every input element gets the gradient of the sum it fed
    static Variable sum(Variable x, int[] dims, boolean keepDim) {
        int[] kept = keptShape(x.shape(), dims);
        return Graph.record("sum", x.data().sum(dims, keepDim), List.of(x), g -> new Tensor[] {
            spread(g, kept, x.shape()),
        });
    }

    // d(mean x)/dx_i = 1/N
    static Variable mean(Variable x, int[] dims, boolean keepDim) {
        int[] kept = keptShape(x.shape(), dims);
        double count = (double) x.data().numel() / Shape.numel(kept);
        return Graph.record("mean", x.data().mean(dims, keepDim), List.of(x), g -> new Tensor[] {
            spread(g.div(count), kept, x.shape()),
        });
    }

    // d(max x)/dx_i = 1 for the maximal element; ties share the gradient evenly (torch.amax)
    static Variable max(Variable x, int[] dims, boolean keepDim) {
        int[] kept = keptShape(x.shape(), dims);
        Tensor maxKept = x.data().max(dims, true);
        Tensor isMax = x.data().eq(maxKept);
        Tensor share = isMax.div(isMax.sum(dims, true));
        Tensor out = keepDim ? maxKept : maxKept.reshape(x.data().max(dims, false).shape());
        return Graph.record("max", out, List.of(x), new Tensor[] {x.data()}, g -> new Tensor[] {
            spread(g, kept, x.shape()).mul(share),
        });
    }

    // d/dx_i logSumExp(x) = softmax(x)_i
    static Variable logSumExp(Variable x, int dim, boolean keepDim) {
        int[] kept = keptShape(x.shape(), new int[] {dim});
        Tensor out = x.data().logSumExp(dim, keepDim);
        return Graph.record("logSumExp", out, List.of(x), new Tensor[] {x.data()}, g -> new Tensor[] {
            spread(g, kept, x.shape()).mul(x.data().softmax(dim)),
        });
    }

    // y = softmax(x): dx = y * (g - sum(g * y))   (the Jacobian diag(y) - y y^T applied to g)
    static Variable softmax(Variable x, int dim) {
        Tensor y = x.data().softmax(dim);
        return Graph.record("softmax", y, List.of(x), new Tensor[] {y}, g -> new Tensor[] {
            y.mul(g.sub(g.mul(y).sum(new int[] {dim}, true))),
        });
    }

    // y = logSoftmax(x): dx = g - softmax(x) * sum(g)
    static Variable logSoftmax(Variable x, int dim) {
        Tensor y = x.data().logSoftmax(dim);
        return Graph.record("logSoftmax", y, List.of(x), new Tensor[] {y}, g -> new Tensor[] {
            g.sub(y.exp().mul(g.sum(new int[] {dim}, true))),
        });
    }
}
