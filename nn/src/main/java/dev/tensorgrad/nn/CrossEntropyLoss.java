package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Cross-entropy from raw logits and class indices: loss_i = -w[y_i] log softmax(x_i)[y_i], as
 * PyTorch's {@code CrossEntropyLoss}. The logits are [N, C], or [N, C, d1, ..., dk] with one
 * target per position of [N, d1, ..., dk] (a sequence model's [B, C, T] against [B, T]); the
 * classes are always dim 1. The log-softmax subtracts the maximum first, so large logits cannot
 * overflow.
 *
 * <p>A target equal to {@code ignoreIndex} (default -100, as PyTorch's {@code ignore_index})
 * contributes 0 and is left out of the mean. With class weights, the mean is PyTorch's weighted
 * mean: sum_i loss_i / sum_i w[y_i] over the targets not ignored.
 *
 * <p>With label smoothing eps, the one-hot target becomes (1 - eps) one-hot + eps / C uniform:
 * loss_i = (1 - eps) w[y_i] (-log p_i[y_i]) + (eps / C) sum_c w[c] (-log p_i[c]), the mean
 * keeping the denominator above.
 */
public final class CrossEntropyLoss {
    /** PyTorch's default {@code ignore_index}: a value no class index takes. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private final Reduction reduction;
    private final Tensor classWeights;
    private final int ignoreIndex;
    private final double labelSmoothing;

    /** Mean cross-entropy without class weights or label smoothing, ignoring targets of -100. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN, null);
    }

    /**
     * Cross-entropy with the given reduction and optional class weights [C] (null for none),
     * ignoring targets of -100, without label smoothing.
     *
     * @throws IllegalArgumentException if reduction is null or classWeights is not 1-D
     */
    public CrossEntropyLoss(Reduction reduction, Tensor classWeights) {
        this(reduction, classWeights, DEFAULT_IGNORE_INDEX, 0.0);
    }

    /**
     * Cross-entropy with every PyTorch option: the reduction, optional class weights [C] (null for
     * none), the target value to ignore, and label smoothing eps in [0, 1] (0 for none).
     *
     * @throws IllegalArgumentException if reduction is null, classWeights is not 1-D, or eps is
     *     outside [0, 1]
     */
    public CrossEntropyLoss(Reduction reduction, Tensor classWeights, int ignoreIndex, double labelSmoothing) {
        if (classWeights != null && classWeights.rank() != 1) {
            throw new IllegalArgumentException("CrossEntropyLoss: class weights must be 1-D, got "
                    + Shape.format(classWeights.shape()));
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.reduction = Reduction.require(reduction, "CrossEntropyLoss");
        this.classWeights = classWeights;
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * The loss of logits [N, C, d1, ..., dk] (k >= 0) against the class indices of the positions
     * of [N, d1, ..., dk], flattened in row-major order (for [N, C], simply N indices). A scalar,
     * or [N, d1, ..., dk] for {@link Reduction#NONE}, where ignored positions hold 0.
     *
     * @throws IllegalArgumentException if the logits have rank below 2, the number of targets is
     *     not that of [N, d1, ..., dk], a target not ignored is outside [0, C), or the mean is
     *     taken over nothing (every target ignored, or their weights sum to 0), where PyTorch
     *     would return NaN
     */
    public Variable forward(Variable logits, int[] targets) {
        int[] shape = logits.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("CrossEntropyLoss: expected logits [N, C] or [N, C, d1, ..., dk], got "
                    + Shape.format(shape));
        }
        int classes = shape[1];
        int[] targetShape = withoutClassDim(shape);
        int positions = Shape.numel(targetShape);
        if (targets.length != positions) {
            throw new IllegalArgumentException("CrossEntropyLoss: logits " + Shape.format(shape) + " need "
                    + positions + " targets (one per position of " + Shape.format(targetShape) + "), got "
                    + targets.length);
        }
        if (classWeights != null && classWeights.size(0) != classes) {
            throw new IllegalArgumentException("CrossEntropyLoss: " + classWeights.size(0) + " class weights for "
                    + classes + " classes");
        }
        double[] index = new double[positions];
        double[] weight = new double[positions]; // w[y_i], or 0 where the target is ignored
        double[] kept = new double[positions]; // 1, or 0 where the target is ignored
        double weightSum = 0;
        boolean unitWeights = classWeights == null;
        for (int i = 0; i < positions; i++) {
            if (targets[i] == ignoreIndex) {
                unitWeights = false;
                continue; // index 0 is a valid place to gather from; the weight 0 discards it
            }
            kept[i] = 1;
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException("CrossEntropyLoss: target " + targets[i] + " at position " + i
                        + " is outside [0, " + classes + ")");
            }
            index[i] = targets[i];
            weight[i] = classWeights == null ? 1.0 : classWeights.get(targets[i]);
            weightSum += weight[i];
        }
        if (reduction == Reduction.MEAN && weightSum == 0) {
            throw new IllegalArgumentException("CrossEntropyLoss: the mean over logits " + Shape.format(shape)
                    + " is undefined: " + emptyMeanReason(targets));
        }
        int[] pickShape = shape.clone();
        pickShape[1] = 1;
        Variable logProbs = logits.logSoftmax(1);
        Variable picked = logProbs.gather(1, Tensor.of(index, pickShape)).reshape(targetShape);
        // Without weights or ignored targets every w[y_i] is 1, and the product is left out of the graph.
        Variable perPosition = unitWeights ? picked.neg()
                : picked.mul(Variable.constant(Tensor.of(weight, targetShape).to(logits.dtype()))).neg();
        if (labelSmoothing > 0) {
            perPosition = perPosition.mul(1 - labelSmoothing)
                    .add(smoothingTerm(logProbs, kept, targetShape).mul(labelSmoothing / classes));
        }
        if (Arrays.stream(kept).anyMatch(k -> k == 0)) {
            // An ignored position is replaced by 0, not only weighted by 0: a masked class's log-probability
            // is -inf there, and -inf * 0 would be NaN (PyTorch leaves ignored positions out entirely).
            perPosition = Variable.where(Tensor.of(kept, targetShape), perPosition,
                    Variable.constant(Tensor.zeros(logits.dtype(), targetShape)));
        }
        return switch (reduction) {
            case NONE -> perPosition;
            case SUM -> perPosition.sum();
            case MEAN -> perPosition.sum().div(weightSum);
        };
    }

    /**
     * The loss of sequence logits [B, C, T] against targets [B][T], the layout of
     * {@link Embedding#forward(int[][])}'s tokens.
     *
     * @throws IllegalArgumentException if the logits are not 3-D, the targets are not [B][T], or
     *     as {@link #forward(Variable, int[])}
     */
    public Variable forward(Variable logits, int[][] targets) {
        int[] shape = logits.shape();
        int steps = targets.length == 0 ? 0 : targets[0].length;
        boolean rectangular = Arrays.stream(targets).allMatch(row -> row.length == steps);
        if (shape.length != 3 || shape[0] != targets.length || shape[2] != steps || !rectangular) {
            throw new IllegalArgumentException("CrossEntropyLoss: expected logits [B, C, T] and targets [B][T], got "
                    + Shape.format(shape) + " and " + describe(targets));
        }
        int[] flat = new int[targets.length * steps];
        for (int b = 0; b < targets.length; b++) {
            System.arraycopy(targets[b], 0, flat, b * steps, steps);
        }
        return forward(logits, flat);
    }

    /**
     * sum_c w[c] (-log p[c]) at each position, 0 where the target is ignored: the cross-entropy
     * against the uniform distribution, times C.
     */
    private Variable smoothingTerm(Variable logProbs, double[] kept, int[] targetShape) {
        Variable weighted = logProbs;
        if (classWeights != null) {
            int[] weightShape = new int[logProbs.rank()];
            Arrays.fill(weightShape, 1);
            weightShape[1] = classWeights.size(0);
            weighted = logProbs.mul(Variable.constant(classWeights.reshape(weightShape).to(logProbs.dtype())));
        }
        return weighted.sum(1).neg().mul(Variable.constant(Tensor.of(kept, targetShape).to(logProbs.dtype())));
    }

    private static int[] withoutClassDim(int[] shape) {
        int[] rest = new int[shape.length - 1];
        rest[0] = shape[0];
        System.arraycopy(shape, 2, rest, 1, shape.length - 2);
        return rest;
    }

    private String emptyMeanReason(int[] targets) {
        if (targets.length == 0) {
            return "there are no targets";
        }
        if (Arrays.stream(targets).allMatch(t -> t == ignoreIndex)) {
            return "every target equals ignoreIndex " + ignoreIndex;
        }
        return "the class weights of the targets sum to 0";
    }

    private static String describe(int[][] rows) {
        return Arrays.stream(rows).map(row -> Integer.toString(row.length))
                .collect(Collectors.joining(", ", "rows of lengths [", "]"));
    }
}
