package dev.tensorgrad.experiments.deeprnn;

import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.experiments.rnnbasics.RegressorTraining;
import dev.tensorgrad.experiments.rnnbasics.RnnRegressor;
import dev.tensorgrad.experiments.rnnbasics.RunningAverage;
import dev.tensorgrad.experiments.rnnbasics.SequenceTask;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Homework problem 1(h): stacked RNNs, where the hidden states of one layer are the inputs of the
 * layer above, trained on the running-average task; a 1-layer and a 2-layer network compared.
 */
public final class DeepRnn implements Experiment {

    private static final int STEPS = 10;
    private static final int HIDDEN = 32;
    private static final int BATCH = 64;
    private static final double LR = 0.005;
    private static final double LR_MIN = 1e-5;
    /** The homework's targets for the training loss. */
    private static final double ONE_LAYER_BOUND = 0.01;
    private static final double TWO_LAYER_BOUND = 0.001;

    @Override
    public String name() {
        return "deep-rnn";
    }

    @Override
    public String title() {
        return "Stacked (multi-layer) RNNs on the running-average task (1h)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        int trainSize = ctx.quick() ? 256 : 2048;
        int testSize = ctx.quick() ? 128 : 512;
        int steps = ctx.quick() ? 100 : 2000;
        int curveEvery = ctx.quick() ? 10 : 25;
        RegressorTraining.Config config = new RegressorTraining.Config(steps, BATCH, LR, LR_MIN, curveEvery);
        Rng rng = new Rng(ctx.seed());
        Report report = ctx.report();
        Metrics metrics = ctx.metrics();

        report.question("""
                (h, optional) Multi-layer recurrent networks stack RNN layers: the hidden state outputs of one layer \
                become the inputs to the layer above. Implement the stacked RNN and train it. The homework: "You \
                should be able to reach training loss < 0.001 for the 2-layer networks, and < .01 for the 1-layer \
                networks.\"""");
        report.setup(String.format(Locale.ROOT, """
                **Data.** Running-average sequences (inputs uniform in [-1, 1), label the mean so far) of T = %d \
                steps: %d for training, %d held out, seed %d. Task 1: MSE over every step.

                **Models.** `RNN(1, %d, tanh, numLayers = L)` with the fused implementation (one autograd node \
                for all layers and steps), then `Linear(%d, 1)` on the top layer's hidden state at every step; \
                FLOAT32, PyTorch's default init, L = 1 and L = 2 from seeds drawn from the run's seed.

                **Training, identical for both.** Adam (lr %s, betas 0.9/0.999), cosine-annealed to %s over %d \
                steps, minibatches of %d sequences reshuffled every epoch. `loss_1layer` and `loss_2layer` are the \
                MSE on the whole training set after training (the homework speaks of training loss); the held-out \
                losses are reported beside them.""",
                STEPS, trainSize, testSize, ctx.seed(), HIDDEN, HIDDEN, plain(LR), plain(LR_MIN), steps, BATCH));

        RunningAverage trainSet = RunningAverage.generate(trainSize, STEPS, DType.FLOAT32, rng.fork());
        RunningAverage testSet = RunningAverage.generate(testSize, STEPS, DType.FLOAT32, rng.fork());
        long shuffleSeed = rng.nextLong();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (int layers = 1; layers <= 2; layers++) {
            RnnRegressor model = new RnnRegressor(1, HIDDEN, layers, 1, DType.FLOAT32, rng.fork());
            RegressorTraining.Result result = RegressorTraining.train(model, SequenceTask.ALL_STEPS, trainSet, testSet,
                    config, new Rng(shuffleSeed), ctx.progress("step (" + layers + " layer" + (layers > 1 ? "s" : "") + ")",
                            steps));
            metrics.put("loss_" + layers + "layer", result.trainLoss());
            metrics.put("test_loss_" + layers + "layer", result.testLoss());
            metrics.put("parameters_" + layers + "layer", model.parameters().stream().mapToInt(p -> p.data().numel()).sum());
            curves.put(layers + " layer" + (layers > 1 ? "s" : ""), new double[][] {result.curveStep(), result.curveLoss()});
        }
        metrics.put("zero_predictor_loss", trainSet.zeroPredictorLoss(false));

        Plots.line(ctx.file("loss_curves.png"), "Running average, Task 1: training loss", "optimiser step",
                "mean minibatch MSE", true, curves);
        report.figure("Training loss of the 1-layer and 2-layer RNN (log scale)", ctx.file("loss_curves.png"));
        report.table(List.of("layers", "parameters", "training loss", "held-out loss"),
                List.of(List.of("1", fmt(metrics, "parameters_1layer"), fmt(metrics, "loss_1layer"), fmt(metrics, "test_loss_1layer")),
                        List.of("2", fmt(metrics, "parameters_2layer"), fmt(metrics, "loss_2layer"), fmt(metrics, "test_loss_2layer"))));
        report.text("Always predicting 0 would give a loss of " + fmt(metrics, "zero_predictor_loss") + ".");

        report.claim(Claim.below("A 1-layer RNN reaches training loss < 0.01", metrics, "loss_1layer", ONE_LAYER_BOUND));
        report.claim(Claim.below("A 2-layer RNN reaches training loss < 0.001", metrics, "loss_2layer", TWO_LAYER_BOUND));
        report.verdict(verdict(report.claims(), metrics));
    }

    private static String verdict(List<Claim> claims, Metrics metrics) {
        double one = metrics.number("loss_1layer");
        double two = metrics.number("loss_2layer");
        String held = claims.stream().allMatch(Claim::held)
                ? "Both targets are met: the 1-layer RNN trains to " + Claim.format(one) + " and the 2-layer RNN to "
                  + Claim.format(two) + "."
                : "Not every target was met (1 layer: " + Claim.format(one) + ", 2 layers: " + Claim.format(two)
                  + "); see the claims table.";
        String compare = two < one
                ? " The second layer helps here: its training loss is " + Claim.format(one / two) + " times lower."
                : " With this budget the second layer does not lower the loss (" + Claim.format(two) + " vs "
                  + Claim.format(one) + "): the task is nearly linear and the 1-layer network already fits it, so "
                  + "the homework's thresholds, not the ordering, are what this run supports.";
        double testOne = metrics.number("test_loss_1layer");
        double testTwo = metrics.number("test_loss_2layer");
        String generalise = testOne < 2 * one && testTwo < 2 * two
                ? " Held-out losses are within a factor 2 of the training losses (1 layer " + Claim.format(testOne)
                  + ", 2 layers " + Claim.format(testTwo) + "): the models learned the average, not their data."
                : " Held-out losses are more than twice the training losses (1 layer " + Claim.format(testOne)
                  + ", 2 layers " + Claim.format(testTwo) + "): part of the fit does not carry to new sequences.";
        return held + compare + generalise;
    }

    /** A constant as written in the source, e.g. 0.005 rather than 0.005000. */
    private static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String fmt(Metrics metrics, String key) {
        return Claim.format(metrics.number(key));
    }
}
