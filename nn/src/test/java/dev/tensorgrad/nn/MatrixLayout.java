package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * How a [rows, cols] operand is laid out in memory, for gradient checks of nn code on every
 * layout. Gradcheck copies its inputs contiguously, so the layout is made inside the checked
 * function, as a differentiable view of the contiguous tensor gradcheck perturbs: the code under
 * test then reads that layout, and its backward produces a gradient for it.
 */
enum MatrixLayout {
    /** Row-major without gaps. */
    CONTIGUOUS,
    /** The transpose of a [cols, rows] tensor (strides [1, rows]). */
    TRANSPOSED,
    /** Every other column, starting at column 1, of a [rows, 2 cols + 1] tensor (strides [2 cols + 1, 2]). */
    STRIDED,
    /** One [cols] row expanded to [rows, cols] with stride 0: every element feeds `rows` outputs. */
    BROADCAST;

    /** Standard normal FLOAT64 values of the shape {@link #view} turns into [rows, cols]. */
    Tensor raw(Rng rng, int rows, int cols) {
        return switch (this) {
            case CONTIGUOUS -> Tensor.randn(rng, DType.FLOAT64, rows, cols);
            case TRANSPOSED -> Tensor.randn(rng, DType.FLOAT64, cols, rows);
            case STRIDED -> Tensor.randn(rng, DType.FLOAT64, rows, 2 * cols + 1);
            case BROADCAST -> Tensor.randn(rng, DType.FLOAT64, cols);
        };
    }

    /** The [rows, cols] operand, as a differentiable view of the raw variable. */
    Variable view(Variable raw, int rows, int cols) {
        return switch (this) {
            case CONTIGUOUS -> raw;
            case TRANSPOSED -> raw.t();
            case STRIDED -> raw.slice(1, 1, 2 * cols + 1, 2);
            case BROADCAST -> raw.expand(rows, cols);
        };
    }

    /** Every layout with every reduction: the arguments of a loss's gradient check. */
    static Stream<Arguments> withEveryReduction() {
        List<Arguments> all = new ArrayList<>();
        for (MatrixLayout layout : values()) {
            for (Reduction reduction : Reduction.values()) {
                all.add(Arguments.of(layout, reduction));
            }
        }
        return all.stream();
    }
}
