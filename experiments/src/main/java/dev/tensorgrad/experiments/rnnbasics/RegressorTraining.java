package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.Progress;
import dev.tensorgrad.nn.optim.Adam;
import dev.tensorgrad.nn.optim.CosineAnnealingLR;
import dev.tensorgrad.tensor.Rng;

import java.util.Arrays;

/**
 * Minibatch training of an {@link RnnRegressor} on running-average data with Adam and a cosine
 * learning-rate schedule (one scheduler step per optimiser step), as the homework's notebook
 * trains its models.
 */
public final class RegressorTraining {
    private RegressorTraining() {
    }

    /**
     * The knobs of a run.
     *
     * @param steps     optimiser steps
     * @param batch     sequences per minibatch; an epoch is a fresh shuffle of the training set
     * @param lr        Adam's initial learning rate, annealed to {@code lrMin} over the run
     * @param lrMin     the final learning rate
     * @param curveEvery the loss curve holds the mean minibatch loss of each window of this many steps
     */
    public record Config(int steps, int batch, double lr, double lrMin, int curveEvery) {
    }

    /**
     * What a run measured.
     *
     * @param curveStep  the last step of each window of the loss curve
     * @param curveLoss  the mean minibatch loss over each window
     * @param trainLoss  the loss on the whole training set after training
     * @param testLoss   the loss on the held-out set after training
     */
    public record Result(double[] curveStep, double[] curveLoss, double trainLoss, double testLoss) {
    }

    /**
     * Trains {@code model} in place on {@code task} and evaluates it on both sets.
     *
     * @param rng shuffles the minibatches
     * @throws IllegalArgumentException if the batch is larger than the training set
     */
    public static Result train(RnnRegressor model, SequenceTask task, RunningAverage trainSet, RunningAverage testSet,
                               Config config, Rng rng, Progress progress) {
        int n = trainSet.size();
        if (config.batch() > n) {
            throw new IllegalArgumentException("RegressorTraining: batch " + config.batch()
                    + " is larger than the training set of " + n);
        }
        Adam adam = new Adam(model.parameters(), config.lr());
        CosineAnnealingLR schedule = new CosineAnnealingLR(adam, config.steps(), config.lrMin());
        int windows = config.steps() / config.curveEvery();
        double[] curveStep = new double[windows];
        double[] curveLoss = new double[windows];
        int[] order = rng.permutation(n);
        int position = 0;
        double windowSum = 0;
        for (int step = 0; step < config.steps(); step++) {
            if (position + config.batch() > n) {
                order = rng.permutation(n);
                position = 0;
            }
            RunningAverage batch = trainSet.rows(Arrays.copyOfRange(order, position, position + config.batch()));
            position += config.batch();
            Variable loss = task.loss(model.forward(Variable.constant(batch.x())), Variable.constant(batch.y()));
            adam.zeroGrad();
            loss.backward();
            adam.step();
            schedule.step();
            windowSum += loss.item();
            if ((step + 1) % config.curveEvery() == 0) {
                int w = (step + 1) / config.curveEvery() - 1;
                curveStep[w] = step + 1;
                curveLoss[w] = windowSum / config.curveEvery();
                windowSum = 0;
            }
            progress.update(step + 1, loss.item());
        }
        return new Result(curveStep, curveLoss, evaluate(model, task, trainSet), evaluate(model, task, testSet));
    }

    /** The task's loss of the model on a whole dataset, without recording a graph. */
    public static double evaluate(RnnRegressor model, SequenceTask task, RunningAverage data) {
        try (Graph.Scope ignored = Graph.noGrad()) {
            return task.loss(model.forward(Variable.constant(data.x())), Variable.constant(data.y())).item();
        }
    }
}
