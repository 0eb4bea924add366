package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/** Picking elements by integer index; the backward scatters the gradient back, adding on repeats. */
final class IndexOps {
    private IndexOps() {
    }

    // An embedding row used twice in a batch receives the sum of both gradients.
    static Variable indexSelect(Variable x, int dim, int[] indices) {
        int[] picked = indices.clone();
        return Graph.record("indexSelect", x.data().indexSelect(dim, picked), List.of(x), g -> new Tensor[] {
            Tensor.zerosLike(x.data()).indexAdd(dim, picked, g.contiguous()),
        });
    }

    static Variable gather(Variable x, int dim, Tensor index) {
        return Graph.record("gather", x.data().gather(dim, index), List.of(x), new Tensor[] {index}, g -> new Tensor[] {
            Tensor.zerosLike(x.data()).scatterAdd(dim, index, g),
        });
    }
}
