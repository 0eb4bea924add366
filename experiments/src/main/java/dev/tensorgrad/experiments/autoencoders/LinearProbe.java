package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.CrossEntropyLoss;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.optim.Adam;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.util.Arrays;

/**
 * Linear probing: a multinomial logistic regression (one {@link Linear} layer and cross-entropy)
 * trained on frozen features, scored by its accuracy on held-out features. The features are first
 * standardised with the training set's mean and standard deviation, or whitened ({@link Whitening});
 * both are invertible linear maps, so they change nothing a linear classifier can express, only how
 * fast Adam finds it.
 *
 * @param epochs    passes over the training features
 * @param batchSize examples per Adam step
 * @param lr        Adam's learning rate
 * @param whiten    whiten the features rather than standardise each one
 */
public record LinearProbe(int epochs, int batchSize, double lr, boolean whiten) {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if epochs or batchSize is not positive or lr is not
     */
    public LinearProbe {
        if (epochs <= 0 || batchSize <= 0 || !(lr > 0)) {
            throw new IllegalArgumentException("LinearProbe: epochs, batch size and lr must be positive, got "
                    + epochs + ", " + batchSize + ", " + lr);
        }
    }

    /**
     * Trains a probe on {@code train} [n, k] with labels in [0, classes) and returns its accuracy on
     * {@code test} [n', k].
     *
     * @param rng initialises the probe and shuffles the examples
     * @throws IllegalArgumentException if the feature widths or the label counts do not match
     */
    public double accuracy(Tensor train, int[] trainLabels, Tensor test, int[] testLabels, int classes, Rng rng) {
        int n = train.size(0);
        int k = train.size(1);
        if (test.size(1) != k || trainLabels.length != n || testLabels.length != test.size(0)) {
            throw new IllegalArgumentException("LinearProbe: features [" + n + ", " + k + "] and [" + test.size(0)
                    + ", " + test.size(1) + "] with " + trainLabels.length + " and " + testLabels.length + " labels");
        }
        Tensor trainStd;
        Tensor testStd;
        if (whiten) {
            Whitening whitening = Whitening.fit(train);
            trainStd = whitening.apply(train);
            testStd = whitening.apply(test);
        } else {
            Tensor mean = train.mean(new int[] {0}, true);
            // The small constant keeps constant features (blank pixels) at 0 instead of 0/0.
            Tensor scale = train.variance(new int[] {0}, true).sqrt().add(1e-6);
            trainStd = train.sub(mean).div(scale);
            testStd = test.sub(mean).div(scale);
        }

        Linear probe = new Linear(k, classes, rng);
        Adam optimizer = new Adam(probe.parameters(), lr);
        CrossEntropyLoss crossEntropy = new CrossEntropyLoss();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = rng.permutation(n);
            for (int start = 0; start < n; start += batchSize) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                int[] targets = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    targets[i] = trainLabels[rows[i]];
                }
                Variable loss = crossEntropy.forward(probe.forward(Variable.constant(trainStd.indexSelect(0, rows))),
                        targets);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            }
        }
        try (var scope = Graph.noGrad()) {
            int[] predicted = probe.forward(Variable.constant(testStd)).data().argmax(1, false).toIntArray();
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == testLabels[i] ? 1 : 0;
            }
            return (double) correct / predicted.length;
        }
    }
}
