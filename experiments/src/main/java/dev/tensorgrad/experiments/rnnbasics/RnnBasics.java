package dev.tensorgrad.experiments.rnnbasics;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Homework problem 1(a)-(c): the RNN layer, its linear head and the two task losses checked
 * against independent FLOAT64 loops, then trained on the running-average task with the loss on
 * every step (Task 1) and on the last step only (Task 2).
 */
public final class RnnBasics implements Experiment {

    private static final int CHECK_BATCH = 8;
    private static final int CHECK_STEPS = 12;
    private static final int CHECK_HIDDEN = 16;
    private static final int STEPS = 10;
    private static final int HIDDEN = 32;
    private static final int BATCH = 64;
    private static final double LR = 0.01;
    private static final double LR_MIN = 1e-4;
    /** The homework's tolerance for the layer tests (1a-1c). */
    private static final double TOLERANCE = 1e-4;
    /** "Low loss", fixed before running: an MSE below 0.01, the bound 1(h) sets for a 1-layer RNN. */
    private static final double LOW_LOSS = 0.01;
    /** And at most this fraction of the loss of always predicting 0. */
    private static final double LOW_RELATIVE = 0.05;

    @Override
    public String name() {
        return "rnn-basics";
    }

    @Override
    public String title() {
        return "An RNN layer, a linear head and the running-average task (1a-1c)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        int trainSize = ctx.quick() ? 256 : 2048;
        int testSize = ctx.quick() ? 128 : 512;
        int steps = ctx.quick() ? 100 : 1500;
        int curveEvery = ctx.quick() ? 10 : 25;
        RegressorTraining.Config config = new RegressorTraining.Config(steps, BATCH, LR, LR_MIN, curveEvery);
        Rng rng = new Rng(ctx.seed());
        Report report = ctx.report();
        Metrics metrics = ctx.metrics();

        report.question("""
                (a) Implement a vanilla RNN layer, h_t = sigma(W^h h_{t-1} + W^x x_t + b), unrolled over the \
                sequence; (b) add a linear head y_hat_t = W^f h_t + b^f, one prediction per step; (c) on a \
                synthetic task whose label is the running average of all numbers seen so far, implement the loss \
                for Task 1 (predict the running average at every step) and Task 2 (predict it at the last step \
                only). The solution: "Each max error should be less than 1e-4", and the notebook trains both tasks \
                to a low loss.""");
        report.setup(String.format(Locale.ROOT, """
                **Data.** Inputs uniform in [-1, 1), labels y_t = (x_1 + ... + x_t) / t (`RunningAverage`), seed %d.

                **(a, b) Forward check.** A FLOAT64 tanh `RNN(1, %d)` with a `Linear(%d, 1)` head (PyTorch's default \
                uniform init) on %d sequences of %d steps, through both the fused RNN (one autograd node) and the \
                composed one (a loop of autograd ops), against `ReferenceRnn`: plain loops over raw double arrays, \
                h_t = tanh(W_h h_{t-1} + W_x x_t + b) with W_x = weight_ih, W_h = weight_hh, b = bias_ih + bias_hh, \
                and y_hat_t = W_f h_t + b_f. The same weights are also loaded into a FLOAT32 model.

                **(c) Loss check.** On the FLOAT64 model's predictions for the same sequences, the Task 1 and \
                Task 2 losses of `SequenceTask` against `ReferenceRnn.taskLoss`: a plain loop summing squared \
                differences over every step (Task 1) or the last step only (Task 2) and dividing by their count.

                **(c) Training.** For each task a fresh FLOAT32 model: tanh `RNN(1, %d)`, `Linear(%d, 1)` head, fused \
                RNN. Sequences of T = %d steps; %d training and %d held-out sequences. Adam (lr %s, cosine-annealed \
                to %s), %d steps of minibatches of %d sequences, reshuffled every epoch. Task 1 loss: MSE over all \
                steps; Task 2 loss: MSE of the last step (`SequenceTask`). Reported losses are on the held-out set \
                after training; the curves are mean minibatch losses over windows of %d steps.""",
                ctx.seed(), CHECK_HIDDEN, CHECK_HIDDEN, CHECK_BATCH, CHECK_STEPS, HIDDEN, HIDDEN, STEPS, trainSize,
                testSize, plain(LR), plain(LR_MIN), steps, BATCH, curveEvery));

        checkForward(rng.fork(), metrics);
        report.text(String.format(Locale.ROOT, """
                **Forward check.** Largest |difference| from the reference loop, FLOAT64: fused RNN %s, composed \
                RNN %s, head predictions %s. The FLOAT32 model with the same weights is within %s of the FLOAT64 \
                reference (single-precision rounding).""",
                Claim.format(metrics.number("forward_max_error_fused")),
                Claim.format(metrics.number("forward_max_error_composed")),
                Claim.format(metrics.number("head_max_error")),
                Claim.format(metrics.number("forward_max_error_float32"))));
        report.text(String.format(Locale.ROOT, """
                **Loss check.** On the untrained model's predictions the Task 1 loss is %s and the Task 2 loss %s; \
                `SequenceTask` differs from the plain loop by %s (Task 1) and %s (Task 2).""",
                Claim.format(metrics.number("check_task1_loss")), Claim.format(metrics.number("check_task2_loss")),
                Claim.format(metrics.number("task1_loss_error")), Claim.format(metrics.number("task2_loss_error"))));

        RunningAverage trainSet = RunningAverage.generate(trainSize, STEPS, DType.FLOAT32, rng.fork());
        RunningAverage testSet = RunningAverage.generate(testSize, STEPS, DType.FLOAT32, rng.fork());
        long initSeed = rng.nextLong();
        long shuffleSeed = rng.nextLong();
        RnnRegressor model1 = new RnnRegressor(1, HIDDEN, 1, 1, DType.FLOAT32, new Rng(initSeed));
        RegressorTraining.Result task1 = RegressorTraining.train(model1, SequenceTask.ALL_STEPS, trainSet, testSet,
                config, new Rng(shuffleSeed), ctx.progress("step (task 1)", steps));
        RnnRegressor model2 = new RnnRegressor(1, HIDDEN, 1, 1, DType.FLOAT32, new Rng(initSeed));
        RegressorTraining.Result task2 = RegressorTraining.train(model2, SequenceTask.LAST_STEP, trainSet, testSet,
                config, new Rng(shuffleSeed), ctx.progress("step (task 2)", steps));

        metrics.put("task1_final_loss", task1.testLoss());
        metrics.put("task1_final_train_loss", task1.trainLoss());
        metrics.put("task1_zero_predictor_loss", testSet.zeroPredictorLoss(false));
        metrics.put("task2_final_loss", task2.testLoss());
        metrics.put("task2_final_train_loss", task2.trainLoss());
        metrics.put("task2_zero_predictor_loss", testSet.zeroPredictorLoss(true));
        // Each model scored on the other task: what the loss asked for is what the model learned.
        metrics.put("task1_model_on_task2_loss", RegressorTraining.evaluate(model1, SequenceTask.LAST_STEP, testSet));
        metrics.put("task2_model_on_task1_loss", RegressorTraining.evaluate(model2, SequenceTask.ALL_STEPS, testSet));

        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("Task 1: loss on every step", new double[][] {task1.curveStep(), task1.curveLoss()});
        curves.put("Task 2: loss on the last step", new double[][] {task2.curveStep(), task2.curveLoss()});
        Plots.line(ctx.file("loss_curves.png"), "Running-average task: training loss", "optimiser step",
                "mean minibatch MSE", true, curves);
        report.figure("Training loss of Task 1 and Task 2 (log scale)", ctx.file("loss_curves.png"));
        report.table(List.of("model trained on", "held-out loss, own task", "train loss, own task",
                        "predicting 0", "held-out loss on the other task"),
                List.of(List.of("Task 1 (all steps)", fmt(metrics, "task1_final_loss"), fmt(metrics, "task1_final_train_loss"),
                                fmt(metrics, "task1_zero_predictor_loss"), fmt(metrics, "task1_model_on_task2_loss")),
                        List.of("Task 2 (last step)", fmt(metrics, "task2_final_loss"), fmt(metrics, "task2_final_train_loss"),
                                fmt(metrics, "task2_zero_predictor_loss"), fmt(metrics, "task2_model_on_task1_loss"))));

        // The verdict reads the reference checks and the training claims as two separate lists, so adding
        // a claim to one cannot shift which claim it reads in the other.
        List<Claim> checks = List.of(
                Claim.below("The RNN forward pass matches the FLOAT64 reference loop (max error < 1e-4)",
                        metrics, "forward_max_error", TOLERANCE),
                Claim.below("The linear head's predictions match the reference (max error < 1e-4)",
                        metrics, "head_max_error", TOLERANCE),
                Claim.below("The Task 1 and Task 2 losses match the plain reference loop (max error < 1e-4)",
                        metrics, "task_loss_max_error", TOLERANCE));
        List<Claim> training = List.of(
                Claim.below("Task 1 trains to a low loss: held-out MSE < " + plain(LOW_LOSS),
                        metrics, "task1_final_loss", LOW_LOSS),
                Claim.below("Task 2 trains to a low loss: held-out MSE < " + plain(LOW_LOSS),
                        metrics, "task2_final_loss", LOW_LOSS),
                relative("Task 1", metrics, "task1_final_loss", "task1_zero_predictor_loss"),
                relative("Task 2", metrics, "task2_final_loss", "task2_zero_predictor_loss"));
        checks.forEach(report::claim);
        training.forEach(report::claim);
        report.verdict(verdict(checks, training, metrics));
    }

    /** Parts (a)-(c): the engine's RNN, head and task losses against {@link ReferenceRnn}, writing the error metrics. */
    private static void checkForward(Rng rng, Metrics metrics) {
        RnnRegressor model = new RnnRegressor(1, CHECK_HIDDEN, 1, 1, DType.FLOAT64, rng.fork());
        RunningAverage probe = RunningAverage.generate(CHECK_BATCH, CHECK_STEPS, DType.FLOAT64, rng.fork());
        Variable x = Variable.constant(probe.x());
        RNN rnn = model.rnn();
        double[][][] reference = ReferenceRnn.hidden(cube(probe.x()), rnn.weightIh(0).data().toDoubleMatrix(),
                rnn.weightHh(0).data().toDoubleMatrix(), rnn.biasIh(0).data().add(rnn.biasHh(0).data()).toDoubleArray());
        double[][][] referenceY = ReferenceRnn.head(reference, model.head().weight().data().toDoubleMatrix(),
                model.head().bias().data().toDoubleArray());

        double fused = maxAbsDiff(rnn.forward(x).output().data(), reference);
        double composed = maxAbsDiff(rnn.forwardComposed(x, null).output().data(), reference);
        metrics.put("forward_max_error", Math.max(fused, composed));
        metrics.put("forward_max_error_fused", fused);
        metrics.put("forward_max_error_composed", composed);
        Variable yHat = model.forward(x);
        metrics.put("head_max_error", maxAbsDiff(yHat.data(), referenceY));

        // Part (c): both task losses on these predictions, engine against the plain loop.
        double[][][] yHatCube = cube(yHat.data());
        double[][][] yCube = cube(probe.y());
        Variable y = Variable.constant(probe.y());
        double reference1 = ReferenceRnn.taskLoss(yHatCube, yCube, false);
        double reference2 = ReferenceRnn.taskLoss(yHatCube, yCube, true);
        double task1 = Math.abs(SequenceTask.ALL_STEPS.loss(yHat, y).item() - reference1);
        double task2 = Math.abs(SequenceTask.LAST_STEP.loss(yHat, y).item() - reference2);
        metrics.put("task1_loss_error", task1);
        metrics.put("task2_loss_error", task2);
        metrics.put("task_loss_max_error", Math.max(task1, task2));
        metrics.put("check_task1_loss", reference1);
        metrics.put("check_task2_loss", reference2);

        RnnRegressor single = new RnnRegressor(1, CHECK_HIDDEN, 1, 1, DType.FLOAT32, new Rng(0));
        single.loadStateDict(model.stateDict());
        Tensor hidden32 = single.rnn().forward(Variable.constant(probe.x().to(DType.FLOAT32))).output().data();
        metrics.put("forward_max_error_float32", maxAbsDiff(hidden32, reference));
    }

    private static Claim relative(String task, Metrics metrics, String key, String baselineKey) {
        double ratio = metrics.number(key) / metrics.number(baselineKey);
        return new Claim(task + " loss is below " + plain(100 * LOW_RELATIVE)
                + "% of always predicting 0 (" + Claim.format(metrics.number(baselineKey)) + "); measured ratio "
                + Claim.format(ratio), key, metrics.number(key), ratio < LOW_RELATIVE);
    }

    /** The verdict: {@code checks} are the claims against the reference loops, {@code training} the training ones. */
    private static String verdict(List<Claim> checks, List<Claim> training, Metrics metrics) {
        boolean checked = checks.stream().allMatch(Claim::held);
        boolean trained = training.stream().allMatch(Claim::held);
        double worst = Math.max(metrics.number("forward_max_error"),
                Math.max(metrics.number("head_max_error"), metrics.number("task_loss_max_error")));
        String first = checked
                ? "The layer is right: both RNN implementations, the head and the two task losses agree with the "
                  + "independent FLOAT64 loops to rounding error (at most " + Claim.format(worst) + "), far inside "
                  + "the homework's 1e-4."
                : "The check against the reference loops failed: the engine's RNN, head or a task loss disagrees "
                  + "with them by 1e-4 or more.";
        String second = trained
                ? "Both tasks train to a low loss, Task 1 to " + Claim.format(metrics.number("task1_final_loss"))
                  + " and Task 2 to " + Claim.format(metrics.number("task2_final_loss")) + " held-out MSE."
                : "Not every training claim held; see the claims table for the measured losses.";
        String third = "Each model learns what its loss asks for: the Task 2 model, never scored before the last "
                + "step, has a held-out loss of " + Claim.format(metrics.number("task2_model_on_task1_loss"))
                + " when scored on every step, while the Task 1 model scores "
                + Claim.format(metrics.number("task1_model_on_task2_loss")) + " on the last step alone.";
        return String.join(" ", first, second, third);
    }

    private static double[][][] cube(Tensor t) {
        int b = t.size(0);
        int steps = t.size(1);
        int f = t.size(2);
        double[] flat = t.contiguous().toDoubleArray();
        double[][][] out = new double[b][steps][f];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < steps; s++) {
                System.arraycopy(flat, (i * steps + s) * f, out[i][s], 0, f);
            }
        }
        return out;
    }

    private static double maxAbsDiff(Tensor actual, double[][][] expected) {
        double[][][] a = cube(actual);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int s = 0; s < a[i].length; s++) {
                for (int j = 0; j < a[i][s].length; j++) {
                    max = Math.max(max, Math.abs(a[i][s][j] - expected[i][s][j]));
                }
            }
        }
        return max;
    }

    /** A constant as written in the source, e.g. 0.01 rather than 0.01000. */
    private static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String fmt(Metrics metrics, String key) {
        return Claim.format(metrics.number(key));
    }
}
