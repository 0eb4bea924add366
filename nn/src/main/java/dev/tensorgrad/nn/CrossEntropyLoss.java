package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;

/**
 * Cross-entropy from raw logits [N, C] and class indices: loss_i = -w[y_i] log softmax(x_i)[y_i].
 * The log-softmax subtracts the row maximum first, so large logits cannot overflow. With class
 * weights, the mean is PyTorch's weighted mean: sum_i loss_i / sum_i w[y_i].
 */
public final class CrossEntropyLoss {
    private final Reduction reduction;
    private final Tensor classWeights;

    /** Mean cross-entropy without class weights. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN, null);
    }

    /**
     * Cross-entropy with the given reduction and optional class weights [C] (null for none).
     *
     * @throws IllegalArgumentException if reduction is null or classWeights is not 1-D
     */
    public CrossEntropyLoss(Reduction reduction, Tensor classWeights) {
        if (classWeights != null && classWeights.rank() != 1) {
            throw new IllegalArgumentException("CrossEntropyLoss: class weights must be 1-D, got "
                    + Shape.format(classWeights.shape()));
        }
        this.reduction = Reduction.require(reduction, "CrossEntropyLoss");
        this.classWeights = classWeights;
    }

    /**
     * The loss of logits [N, C] against targets (N class indices in [0, C)); a scalar, or [N] for
     * {@link Reduction#NONE}.
     *
     * @throws IllegalArgumentException if the shapes disagree or a target is out of range
     */
    public Variable forward(Variable logits, int[] targets) {
        if (logits.rank() != 2 || logits.size(0) != targets.length) {
            throw new IllegalArgumentException("CrossEntropyLoss: expected logits [N, C] with N = " + targets.length
                    + " targets, got " + Shape.format(logits.shape()));
        }
        int n = targets.length;
        int classes = logits.size(1);
        if (classWeights != null && classWeights.size(0) != classes) {
            throw new IllegalArgumentException("CrossEntropyLoss: " + classWeights.size(0) + " class weights for "
                    + classes + " classes");
        }
        double[] index = new double[n];
        double[] weight = new double[n];
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException("CrossEntropyLoss: target " + targets[i] + " at position " + i
                        + " is outside [0, " + classes + ")");
            }
            index[i] = targets[i];
            weight[i] = classWeights == null ? 1.0 : classWeights.get(targets[i]);
            weightSum += weight[i];
        }
        Tensor picks = Tensor.of(index, n, 1);
        Variable logProb = logits.logSoftmax(1).gather(1, picks).reshape(n); // log p(y_i | x_i)
        Variable perSample = classWeights == null
                ? logProb.neg()
                : logProb.mul(Variable.constant(Tensor.of(weight, n).to(logits.dtype()))).neg();
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.sum().div(weightSum);
        };
    }
}
