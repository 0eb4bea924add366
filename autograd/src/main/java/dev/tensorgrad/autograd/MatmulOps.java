package dev.tensorgrad.autograd;

import static dev.tensorgrad.autograd.SumToShape.sumToShape;

import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/** Matrix product and its backward. */
final class MatmulOps {
    private MatmulOps() {
    }

    /**
     * C = A B, so dL/dA = dL/dC B^T and dL/dB = A^T dL/dC. Batch dims that were broadcast are summed
     * back; 1-D operands are lifted to matrices with differentiable views first, so the rule above
     * is the only one needed.
     */
    static Variable matmul(Variable a, Variable b) {
        if (a.rank() == 1 && b.rank() == 1) {
            return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        }
        if (a.rank() == 1 && b.rank() >= 2) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.rank() == 1 && a.rank() >= 2) {
            return matmul(a, b.unsqueeze(1)).squeeze(-1);
        }
        Tensor x = a.data();
        Tensor y = b.data();
        return Graph.record("matmul", x.matmul(y), List.of(a, b), new Tensor[] {x, y}, g -> new Tensor[] {
            a.requiresGrad() ? sumToShape(g.matmul(y.transpose(-1, -2)), a.shape()) : null,
            b.requiresGrad() ? sumToShape(x.transpose(-1, -2).matmul(g), b.shape()) : null,
        });
    }
}
