package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/**
 * Views and joins. A view moves no numbers, so its backward moves the gradient back the same way:
 * reshape it back, transpose it back, or write it into the slice it came from.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static Variable reshape(Variable x, int[] shape) {
        return Graph.record("reshape", x.data().reshape(shape), List.of(x), g -> new Tensor[] {g.reshape(x.shape())});
    }

    static Variable transpose(Variable x, int dim0, int dim1) {
        return Graph.record("transpose", x.data().transpose(dim0, dim1), List.of(x), g -> new Tensor[] {
            g.transpose(dim0, dim1),
        });
    }

    static Variable permute(Variable x, int[] order) {
        Tensor out = x.data().permute(order);
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[Shape.wrapDim("permute", order[i], order.length)] = i;
        }
        return Graph.record("permute", out, List.of(x), g -> new Tensor[] {g.permute(inverse)});
    }

    // The slice's gradient lands in its place in a zero tensor of the input's shape.
    static Variable slice(Variable x, int dim, int start, int end, int step) {
        Tensor out = x.data().slice(dim, start, end, step);
        return Graph.record("slice", out, List.of(x), g -> {
            Tensor grad = Tensor.zerosLike(x.data());
            grad.slice(dim, start, end, step).copyFrom(g);
            return new Tensor[] {grad};
        });
    }

    static Variable select(Variable x, int dim, int index) {
        Tensor out = x.data().select(dim, index);
        return Graph.record("select", out, List.of(x), g -> {
            Tensor grad = Tensor.zerosLike(x.data());
            grad.select(dim, index).copyFrom(g);
            return new Tensor[] {grad};
        });
    }

    // Each input element fed every copy made by the expansion, so their gradients add up.
    static Variable expand(Variable x, int[] shape) {
        return Graph.record("expand", x.data().expand(shape), List.of(x), g -> new Tensor[] {
            SumToShape.sumToShape(g, x.shape()),
        });
    }

    static Variable squeeze(Variable x, int dim) {
        return Graph.record("squeeze", x.data().squeeze(dim), List.of(x), g -> new Tensor[] {g.reshape(x.shape())});
    }

    static Variable unsqueeze(Variable x, int dim) {
        return Graph.record("unsqueeze", x.data().unsqueeze(dim), List.of(x), g -> new Tensor[] {
            g.reshape(x.shape()),
        });
    }

    // Each part gets back the stretch of the gradient it filled.
    static Variable cat(int dim, Variable... parts) {
        Tensor[] data = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            data[i] = parts[i].data();
        }
        Tensor out = Tensor.cat(dim, data);
        int d = Shape.wrapDim("cat", dim, out.rank());
        return Graph.record("cat", out, List.of(parts), g -> {
            Tensor[] grads = new Tensor[parts.length];
            int start = 0;
            for (int i = 0; i < parts.length; i++) {
                int length = data[i].size(d);
                grads[i] = g.narrow(d, start, length);
                start += length;
            }
            return grads;
        });
    }

    static Variable stack(int dim, Variable... parts) {
        Tensor[] data = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            data[i] = parts[i].data();
        }
        Tensor out = Tensor.stack(dim, data);
        int d = Shape.wrapDim("stack", dim, out.rank());
        return Graph.record("stack", out, List.of(parts), g -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                grads[i] = g.select(d, i);
            }
            return grads;
        });
    }
}
