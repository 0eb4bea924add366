package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;

/**
 * The backward of broadcasting. If an input of shape [3] was stretched to [4, 3] in the forward
 * pass, each of its elements fed four outputs, so its gradient is the sum of those four: sum the
 * gradient over the stretched dims, then drop the leading dims the input never had.
 */
final class SumToShape {
    private SumToShape() {
    }

    static Tensor sumToShape(Tensor grad, int[] shape) {
        int[] gradShape = grad.shape();
        if (java.util.Arrays.equals(gradShape, shape)) {
            return grad;
        }
        int lead = gradShape.length - shape.length;
        int[] dims = new int[gradShape.length];
        int count = 0;
        for (int d = 0; d < gradShape.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && gradShape[d] != 1)) {
                dims[count++] = d;
            }
        }
        if (count == 0) {
            return grad.reshape(shape); // only size-1 dims differ
        }
        return grad.sum(java.util.Arrays.copyOf(dims, count), true).reshape(shape);
    }
}
