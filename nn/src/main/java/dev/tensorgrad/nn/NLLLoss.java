package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;

/**
 * Negative log-likelihood of class indices under log-probabilities: loss_i = -input[i, y_i], as
 * PyTorch's {@code NLLLoss}. The input is [N, C], usually the output of a {@link LogSoftmax} over
 * dim 1, so that NLLLoss(LogSoftmax(x)) is {@link CrossEntropyLoss}(x).
 *
 * <p>A target equal to {@code ignoreIndex} (default -100, as PyTorch's {@code ignore_index})
 * contributes 0 and is left out of the mean: the mean divides by the number of targets not
 * ignored. Class weights are not supported: {@link CrossEntropyLoss} has them, and sharing its
 * weighting here would mean copying it; with weights, use CrossEntropyLoss on the logits.
 */
public final class NLLLoss {
    private final Reduction reduction;
    private final int ignoreIndex;

    /** Mean negative log-likelihood, ignoring targets of -100. */
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /**
     * Negative log-likelihood with the given reduction, ignoring targets of -100.
     *
     * @throws IllegalArgumentException if reduction is null
     */
    public NLLLoss(Reduction reduction) {
        this(reduction, CrossEntropyLoss.DEFAULT_IGNORE_INDEX);
    }

    /**
     * Negative log-likelihood with the given reduction and the target value to ignore.
     *
     * @throws IllegalArgumentException if reduction is null
     */
    public NLLLoss(Reduction reduction, int ignoreIndex) {
        this.reduction = Reduction.require(reduction, "NLLLoss");
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * The loss of log-probabilities [N, C] against N class indices: a scalar, or [N] for
     * {@link Reduction#NONE}, where ignored positions hold 0. Only the input takes a gradient:
     * -1 at [i, y_i] (divided by the number of targets kept, for the mean), 0 elsewhere.
     *
     * @throws IllegalArgumentException if the input is not 2-D, the number of targets is not N, a
     *     target not ignored is outside [0, C), or the reduction is MEAN and every target is
     *     ignored or there are none, where PyTorch would return NaN
     */
    public Variable forward(Variable input, int[] targets) {
        int[] shape = input.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("NLLLoss: expected log-probabilities [N, C], got " + Shape.format(shape));
        }
        int rows = shape[0];
        int classes = shape[1];
        if (targets.length != rows) {
            throw new IllegalArgumentException("NLLLoss: input " + Shape.format(shape) + " needs " + rows
                    + " targets, got " + targets.length);
        }
        double[] index = new double[rows];
        double[] kept = new double[rows]; // 1, or 0 where the target is ignored
        int keptCount = 0;
        for (int i = 0; i < rows; i++) {
            if (targets[i] == ignoreIndex) {
                continue; // index 0 is a valid place to gather from; the 0 in kept discards it
            }
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException("NLLLoss: target " + targets[i] + " at position " + i
                        + " is outside [0, " + classes + ")");
            }
            index[i] = targets[i];
            kept[i] = 1;
            keptCount++;
        }
        if (reduction == Reduction.MEAN && keptCount == 0) {
            throw new IllegalArgumentException("NLLLoss: the mean over input " + Shape.format(shape) + " is undefined: "
                    + (rows == 0 ? "there are no targets" : "every target equals ignoreIndex " + ignoreIndex));
        }
        Variable losses = input.gather(1, Tensor.of(index, rows, 1)).reshape(rows).neg();
        // An ignored row is replaced, not multiplied by 0: its gathered value may be log 0 = -inf, and -inf * 0 is NaN.
        Variable perRow = keptCount == rows ? losses
                : Variable.where(Tensor.of(kept, rows), losses, Variable.constant(Tensor.zeros(input.dtype(), rows)));
        return switch (reduction) {
            case NONE -> perRow;
            case SUM -> perRow.sum();
            case MEAN -> perRow.sum().div(keptCount);
        };
    }
}
