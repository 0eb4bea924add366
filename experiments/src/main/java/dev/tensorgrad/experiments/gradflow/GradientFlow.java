package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.gradflow.GradientTrace.Loss;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.experiments.rnnbasics.RunningAverage;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.Nonlinearity;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Homework problem 1(d)-(g): how the gradient dL/dh_t reaching each hidden state changes with t,
 * for no nonlinearity, tanh and ReLU, as the spectral radius rho of W_h goes from 0.5 to 3, for two
 * families of W_h (a scaled rotation and a scaled identity), with the loss on the last step only or
 * on every step; the linear case against the solution's closed form; tanh with its hidden states
 * held near zero; and the part of the all-steps gradient that comes from the last step's loss.
 * The homework's claims are checked in {@link GradientFlowClaims}.
 */
public final class GradientFlow implements Experiment {

    static final double[] RHOS = {0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 3.0};
    static final Nonlinearity[] NONLINEARITIES = {Nonlinearity.NONE, Nonlinearity.TANH, Nonlinearity.RELU};
    static final RecurrenceFamily[] FAMILIES = RecurrenceFamily.values();
    static final Loss[] LOSSES = Loss.values();
    /** A ratio ||dL/dh_1|| / ||dL/dh_T|| below this is called vanishing. */
    static final double VANISH = 0.1;
    /** A ratio above this is called exploding; so is a hidden state larger than this in magnitude. */
    static final double EXPLODE = 10;
    /**
     * For tanh with its states near zero, the drive W_x x_t + b is scaled by this over rho^T: the
     * state grows at most like rho^t, so it stays about this much smaller than usual.
     */
    static final double NEAR_ZERO_DRIVE = 1e-3;
    /** The largest |h| still counted as "close to zero" (tanh'(0.1) = 0.99). */
    static final double NEAR_ZERO_BOUND = 0.1;
    /** The rho of the (g) figure. */
    private static final double G_RHO = 0.9;

    @Override
    public String name() {
        return "gradient-flow";
    }

    @Override
    public String title() {
        return "Vanishing and exploding gradients through an RNN (1d-1g)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        int hidden = ctx.quick() ? 16 : 32;
        int steps = ctx.quick() ? 20 : 40;
        int batch = ctx.quick() ? 4 : 16;
        Rng rng = new Rng(ctx.seed());
        Report report = ctx.report();
        Metrics metrics = ctx.metrics();

        report.question("""
                (d) Plot the magnitude of dL/dh_t at each timestep and try to produce exploding and vanishing \
                gradients. (e) Without nonlinearities, when do gradients explode or vanish? Solution: with MSE on one \
                example, dL/dh_t = 2(y_hat - y) W^f (W^h)^(T-t); they explode if the largest eigenvalue magnitude of \
                W^h is much greater than 1, vanish if much less, and are stable only near 1. (f) Compare ReLU and \
                tanh. Solution: tanh restricts hidden states to (-1, 1); with ReLU, hidden states can easily explode. \
                When tanh inputs are large, its gradients are close to zero: fewer exploding but more vanishing \
                gradients. Exploding gradients are still possible when the largest eigenvalue of W_h has magnitude \
                > 1 but the hidden states remain close to zero. ReLU results in frequent exploding hidden states and \
                gradients, similar to the no-activation RNN. (g) What changes with last_target_only = False? \
                Solution: each step's own loss L_k gives h_k a large gradient, so the logged gradients are large at \
                every step, but dL_k/dh_t for t << k is still small: long-range dependencies stay hard to learn.""");
        report.setup(String.format(Locale.ROOT, """
                **Model.** `RNN(1, %d)` (FLOAT64, one layer, biases, PyTorch's default init for W_x and the biases), \
                nonlinearity none / tanh / relu, and a `Linear(%d, 1)` head applied at every step. The same W_x, \
                biases and head for every configuration (same seeds). The homework lets W_h be anything ("play \
                around"); we sweep two families, each with every eigenvalue and every singular value of magnitude \
                exactly rho, so rho is the homework's "largest eigenvalue magnitude" exactly and for the linear RNN \
                ||dL/dh_t|| = rho^(T-t) ||dL/dh_T|| in both. **Rotation: W_h = rho Q**, Q a random orthogonal \
                matrix (Q = U V^T from the SVD of a Gaussian matrix, `OrthogonalRecurrence`): it mixes signs across \
                units, so which units ReLU switches off changes from step to step. **Identity: W_h = rho I**: it keeps \
                the spectrum and singular values of rho Q and changes only that no unit feeds another, so a unit \
                ReLU has switched on stays on unless its own drive turns it off. We chose it over a non-negative \
                random matrix (which would also keep units on) because its linear RNN is exactly the rotation's, so \
                the two families differ only in whether W_h mixes units. rho in %s.

                **Data and loss.** %d running-average sequences (inputs uniform in [-1, 1)) of T = %d steps, seed %d. \
                last_target_only = true: MSE at step T only (Task 2); false: MSE over every step (Task 1), the mean \
                of the per-step losses L_k. One forward and backward pass of the untrained model per configuration, \
                through the fused RNN, whose `StepGradients` records dL/dh_t for every t (the total gradient reaching \
                h_t: from its own loss, if any, and through every later step). ||dL/dh_t|| is the Frobenius norm over \
                the batch. ratio = ||dL/dh_1|| / ||dL/dh_T||; we call a ratio below %s vanishing and above %s \
                exploding, and a hidden state with |h| > %s exploding.

                **Closed-form check (1e).** For the linear RNN with W_h = rho Q on a single example with loss \
                (y_hat_T - y)^2, autograd's dL/dh_t (through hooks registered on every h_t of the composed RNN, and \
                through the fused RNN's `StepGradients`) against 2(y_hat - y) W_f (W_h)^(T-t) computed with plain \
                loops (`LinearRnnGradient`), for every rho, largest relative error over t.

                **tanh near zero (1f).** To test "exploding gradients are still possible when the eigenvalue is \
                > 1 but the hidden states remain close to zero", the tanh RNN is run again at every rho > 1 with \
                W_x and both biases multiplied by %s / rho^T (the state grows at most like rho^t, so it stays near \
                zero), last target only; "close to zero" is checked, not assumed: max |h| < %s.

                **The last step's loss alone (1g).** With last_target_only = false, the gradient of L_T alone (the \
                last step's term of the all-steps loss, 1/T times the MSE at step T) is recorded by a second \
                forward and backward pass of the same model, and its ratio ||dL_T/dh_1|| / ||dL_T/dh_T|| compared \
                with the last-target-only ratio.""",
                hidden, hidden, fmtList(RHOS), batch, steps, ctx.seed(), Claim.format(VANISH), Claim.format(EXPLODE),
                Claim.format(EXPLODE), Claim.format(NEAR_ZERO_DRIVE), Claim.format(NEAR_ZERO_BOUND)));

        double hooksError = 0;
        double fusedError = 0;
        for (double rho : RHOS) {
            LinearRnnGradient.Agreement a = LinearRnnGradient.check(hidden, steps, rho, rng.fork());
            hooksError = Math.max(hooksError, a.hooks());
            fusedError = Math.max(fusedError, a.fused());
        }
        metrics.put("linear_closed_form_max_rel_error", Math.max(hooksError, fusedError));
        metrics.put("linear_closed_form_max_rel_error_hooks", hooksError);
        metrics.put("linear_closed_form_max_rel_error_fused", fusedError);

        Tensor q = OrthogonalRecurrence.randomOrthogonal(hidden, rng.fork());
        long rnnSeed = rng.nextLong();
        long headSeed = rng.nextLong();
        RunningAverage data = RunningAverage.generate(batch, steps, DType.FLOAT64, rng.fork());
        Map<String, GradientTrace> traces = new LinkedHashMap<>();
        for (RecurrenceFamily family : FAMILIES) {
            for (Nonlinearity act : NONLINEARITIES) {
                double active = 0;
                for (double rho : RHOS) {
                    RNN rnn = model(family, act, rho, q, rnnSeed, 1);
                    Linear head = new Linear(hidden, 1, true, DType.FLOAT64, new Rng(headSeed));
                    for (Loss loss : LOSSES) {
                        GradientTrace trace = GradientTrace.measure(rnn, head, data, loss);
                        traces.put(key(family, act, rho, loss), trace);
                        metrics.put(ratioKey(family, act, rho, loss), trace.ratio());
                    }
                    GradientTrace trace = traces.get(key(family, act, rho, Loss.LAST_TARGET_ONLY));
                    metrics.put(hiddenKey(family, act, rho), trace.maxHidden());
                    if (act == Nonlinearity.TANH) {
                        metrics.put(slopeKey(family, rho), trace.meanTanhSlope());
                    }
                    active += trace.meanActiveFraction() / RHOS.length;
                }
                if (act == Nonlinearity.RELU) {
                    metrics.put(activeKey(family), active);
                }
            }
            double deviation = 0;
            for (double rho : growingRhos()) {
                double scale = NEAR_ZERO_DRIVE / Math.pow(rho, steps);
                RNN rnn = model(family, Nonlinearity.TANH, rho, q, rnnSeed, scale);
                Linear head = new Linear(hidden, 1, true, DType.FLOAT64, new Rng(headSeed));
                GradientTrace trace = GradientTrace.measure(rnn, head, data, Loss.LAST_TARGET_ONLY);
                metrics.put(nearZeroRatioKey(family, rho), trace.ratio());
                metrics.put(nearZeroHiddenKey(family, rho), trace.maxHidden());
                deviation = Math.max(deviation, Math.abs(trace.ratio() / Math.pow(rho, steps - 1) - 1));
            }
            metrics.put(nearZeroDeviationKey(family), deviation);
        }

        report.text(String.format(Locale.ROOT, """
                **Closed form.** Largest relative error between autograd's dL/dh_t and 2(y_hat - y) W_f (W_h)^(T-t) \
                over t and the %d rho: %s through hooks on the composed RNN, %s through the fused RNN.""",
                RHOS.length, Claim.format(hooksError), Claim.format(fusedError)));
        for (RecurrenceFamily family : FAMILIES) {
            plotGradients(ctx, traces, family, steps);
            report.table(ratioHeader(family), ratioRows(metrics, family));
        }
        report.text("Each cell is ||dL/dh_1|| / ||dL/dh_T||; for the linear RNN with the last-step loss, the closed "
                + "form predicts exactly rho^(T-1) = " + fmtPowers(steps) + ", in both families. The \"L_T only\" "
                + "rows are the gradient of the last step's term of the all-steps loss.");
        plotHidden(ctx, traces, steps);
        report.table(hiddenHeader(), hiddenRows(metrics));
        report.text("Each cell is the largest |h_t| over t, the batch and the units (the loss does not change the "
                + "forward pass); the \"mean 1 - h^2\" rows are tanh's slope tanh'(a_t) = 1 - h_t^2 averaged over t, "
                + "the batch and the units. The fraction of ReLU units with h_t > 0, averaged over t, the batch and rho: "
                + fmtActive(metrics) + ".");
        report.table(nearZeroHeader(), nearZeroRows(metrics));
        report.text("tanh with W_x and the biases scaled by " + Claim.format(NEAR_ZERO_DRIVE) + " / rho^T, last "
                + "target only.");
        plotLastTerm(ctx, traces, steps);

        GradientFlowClaims.Checked claims = GradientFlowClaims.add(report, metrics);
        for (String paragraph : GradientFlowClaims.verdict(claims, metrics, steps)) {
            report.verdict(paragraph);
        }
    }

    /**
     * The RNN of one configuration: W_h from {@code family} with spectral radius rho; W_x and both
     * biases from {@code rnnSeed}, multiplied by {@code driveScale}.
     */
    private static RNN model(RecurrenceFamily family, Nonlinearity act, double rho, Tensor q, long rnnSeed,
                             double driveScale) {
        RNN rnn = new RNN(1, q.size(0), act, 1, true, DType.FLOAT64, new Rng(rnnSeed));
        rnn.weightHh(0).data().copyFrom(family.weight(q, rho));
        if (driveScale != 1) {
            for (Tensor p : List.of(rnn.weightIh(0).data(), rnn.biasIh(0).data(), rnn.biasHh(0).data())) {
                p.copyFrom(p.mul(driveScale));
            }
        }
        return rnn;
    }

    private static void plotGradients(RunContext ctx, Map<String, GradientTrace> traces, RecurrenceFamily family,
                                      int steps) throws IOException {
        double[] t = steps(steps);
        for (Nonlinearity act : NONLINEARITIES) {
            for (Loss loss : new Loss[] {Loss.LAST_TARGET_ONLY, Loss.ALL_STEPS}) {
                // The linear RNN and the all-steps loss look the same in both families; the identity
                // family adds only what differs: tanh and ReLU with the last-step loss.
                if (family == RecurrenceFamily.IDENTITY && (act == Nonlinearity.NONE || loss == Loss.ALL_STEPS)) {
                    continue;
                }
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (double rho : RHOS) {
                    series.put("rho = " + rho, new double[][] {t, traces.get(key(family, act, rho, loss)).gradNorm()});
                }
                boolean lastOnly = loss == Loss.LAST_TARGET_ONLY;
                // The rotation family keeps the file names it had before the identity family was added.
                String file = "grad_norm_" + label(act) + "_" + (lastOnly ? "last_only" : "all_steps")
                        + (family == RecurrenceFamily.ROTATION ? "" : "_" + family.label()) + ".png";
                String what = lastOnly ? "loss on the last step only" : "loss on every step";
                Plots.line(ctx.file(file), "||dL/dh_t||, " + family.formula() + ", nonlinearity " + label(act) + ", "
                        + what, "t", "||dL/dh_t||", true, series);
                ctx.report().figure("Gradient norm against t, " + family.formula() + ", nonlinearity " + label(act)
                        + ", last_target_only = " + lastOnly + " (log scale)", ctx.file(file));
            }
        }
    }

    private static void plotHidden(RunContext ctx, Map<String, GradientTrace> traces, int steps) throws IOException {
        double[] t = steps(steps);
        double[] shown = {0.9, 1.5, 3.0};
        for (RecurrenceFamily family : FAMILIES) {
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (double rho : shown) {
                for (Nonlinearity act : NONLINEARITIES) {
                    series.put(label(act) + ", rho = " + rho,
                            new double[][] {t, traces.get(key(family, act, rho, Loss.LAST_TARGET_ONLY)).hiddenMax()});
                }
            }
            String file = family == RecurrenceFamily.ROTATION ? "hidden_magnitude.png"
                    : "hidden_magnitude_" + family.label() + ".png";
            Plots.line(ctx.file(file), "Largest |h_t| over the batch and units, " + family.formula(), "t",
                    "max |h_t|", true, series);
            ctx.report().figure("Hidden-state magnitude against t for each nonlinearity at rho = " + fmtList(shown)
                    + ", " + family.formula() + " (log scale)", ctx.file(file));
        }
    }

    /** (g): the all-steps gradient against the part of it that comes from the last step's loss. */
    private static void plotLastTerm(RunContext ctx, Map<String, GradientTrace> traces, int steps) throws IOException {
        double[] t = steps(steps);
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Nonlinearity act : NONLINEARITIES) {
            for (Loss loss : new Loss[] {Loss.ALL_STEPS, Loss.LAST_TERM_OF_ALL_STEPS}) {
                String what = loss == Loss.ALL_STEPS ? "dL/dh_t (all steps)" : "dL_T/dh_t (L_T only)";
                series.put(label(act) + ", " + what,
                        new double[][] {t, traces.get(key(RecurrenceFamily.ROTATION, act, G_RHO, loss)).gradNorm()});
            }
        }
        Plots.line(ctx.file("grad_norm_last_term.png"), "last_target_only = false, W_h = rho Q, rho = " + G_RHO
                + ": whole gradient and the last step's part", "t", "gradient norm", true, series);
        ctx.report().figure("With the loss on every step (W_h = rho Q, rho = " + G_RHO + "), the logged gradient "
                + "||dL/dh_t|| against the part that comes from the last step's loss, ||dL_T/dh_t|| (log scale)",
                ctx.file("grad_norm_last_term.png"));
    }

    /** One table row: its label, then one cell per rho of {@code rhos}, in order. */
    private static List<String> rhoRow(String label, double[] rhos, DoubleFunction<String> cell) {
        List<String> row = new ArrayList<>(List.of(label));
        for (double rho : rhos) {
            row.add(cell.apply(rho));
        }
        return row;
    }

    /** The rhos above 1, where tanh's states near zero grow before they saturate. */
    static double[] growingRhos() {
        return Arrays.stream(RHOS).filter(rho -> rho > 1).toArray();
    }

    private static List<String> ratioHeader(RecurrenceFamily family) {
        return rhoRow(family.formula() + ": nonlinearity, last_target_only", RHOS, rho -> "rho = " + rho);
    }

    private static List<List<String>> ratioRows(Metrics metrics, RecurrenceFamily family) {
        List<List<String>> rows = new ArrayList<>();
        for (Nonlinearity act : NONLINEARITIES) {
            for (Loss loss : LOSSES) {
                String label = label(act) + ", " + switch (loss) {
                    case LAST_TARGET_ONLY -> "true";
                    case ALL_STEPS -> "false";
                    case LAST_TERM_OF_ALL_STEPS -> "false, L_T only";
                };
                rows.add(rhoRow(label, RHOS, rho -> Claim.format(metrics.number(ratioKey(family, act, rho, loss)))));
            }
        }
        return rows;
    }

    private static List<String> hiddenHeader() {
        return rhoRow("max |h|: family, nonlinearity", RHOS, rho -> "rho = " + rho);
    }

    private static List<List<String>> hiddenRows(Metrics metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (RecurrenceFamily family : FAMILIES) {
            for (Nonlinearity act : NONLINEARITIES) {
                rows.add(rhoRow(family.formula() + ", " + label(act), RHOS,
                        rho -> Claim.format(metrics.number(hiddenKey(family, act, rho)))));
            }
            rows.add(rhoRow(family.formula() + ", tanh: mean 1 - h^2", RHOS,
                    rho -> Claim.format(metrics.number(slopeKey(family, rho)))));
        }
        return rows;
    }

    private static List<String> nearZeroHeader() {
        return rhoRow("tanh near zero: family, measure", growingRhos(), rho -> "rho = " + rho);
    }

    private static List<List<String>> nearZeroRows(Metrics metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (RecurrenceFamily family : FAMILIES) {
            rows.add(rhoRow(family.formula() + ", ratio", growingRhos(),
                    rho -> Claim.format(metrics.number(nearZeroRatioKey(family, rho)))));
            rows.add(rhoRow(family.formula() + ", max |h|", growingRhos(),
                    rho -> Claim.format(metrics.number(nearZeroHiddenKey(family, rho)))));
        }
        return rows;
    }

    /** The trace map's key of one configuration, e.g. {@code rotation_tanh_0.9_true}. */
    static String key(RecurrenceFamily family, Nonlinearity act, double rho, Loss loss) {
        return family.label() + "_" + label(act) + "_" + rho + "_" + switch (loss) {
            case LAST_TARGET_ONLY -> "true";
            case ALL_STEPS -> "false";
            case LAST_TERM_OF_ALL_STEPS -> "last_term";
        };
    }

    /** The metric of ||dL/dh_1|| / ||dL/dh_T||, e.g. {@code ratio_first_last_rotation_tanh_0.9_true}. */
    static String ratioKey(RecurrenceFamily family, Nonlinearity act, double rho, Loss loss) {
        return "ratio_first_last_" + key(family, act, rho, loss);
    }

    /** The metric of tanh's largest |h_t| over every rho of a family, e.g. {@code max_abs_hidden_identity_tanh}. */
    static String tanhMaxKey(RecurrenceFamily family) {
        return "max_abs_hidden_" + family.label() + "_tanh";
    }

    /** The metric of the largest |h_t|, e.g. {@code max_abs_hidden_identity_relu_1.5}. */
    static String hiddenKey(RecurrenceFamily family, Nonlinearity act, double rho) {
        return "max_abs_hidden_" + family.label() + "_" + label(act) + "_" + rho;
    }

    /** The metric of the fraction of ReLU units on, averaged over t and rho, e.g. {@code relu_active_fraction_rotation}. */
    static String activeKey(RecurrenceFamily family) {
        return "relu_active_fraction_" + family.label();
    }

    /** The metric of tanh's ratio with its states held near zero, e.g. {@code ratio_first_last_near_zero_rotation_tanh_1.5}. */
    static String nearZeroRatioKey(RecurrenceFamily family, double rho) {
        return "ratio_first_last_near_zero_" + family.label() + "_tanh_" + rho;
    }

    /** The metric of tanh's mean slope 1 - h_t^2 (over t, the batch and the units), e.g. {@code tanh_mean_slope_rotation_3.0}. */
    static String slopeKey(RecurrenceFamily family, double rho) {
        return "tanh_mean_slope_" + family.label() + "_" + rho;
    }

    /**
     * The metric of how far tanh, with its states held near zero, is from the linear RNN: the
     * largest |ratio / rho^(T-1) - 1| over rho > 1.
     */
    static String nearZeroDeviationKey(RecurrenceFamily family) {
        return "near_zero_tanh_max_rel_dev_from_linear_" + family.label();
    }

    /** The metric of tanh's largest |h| with its states held near zero. */
    static String nearZeroHiddenKey(RecurrenceFamily family, double rho) {
        return "max_abs_hidden_near_zero_" + family.label() + "_tanh_" + rho;
    }

    static String label(Nonlinearity act) {
        return act.name().toLowerCase(Locale.ROOT);
    }

    private static double[] steps(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i + 1;
        }
        return t;
    }

    /** Values as the report writes them, e.g. "0.5, 0.9, 1.0". */
    static String fmtList(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(Double.toString(v));
        }
        return String.join(", ", parts);
    }

    private static String fmtPowers(int steps) {
        List<String> parts = new ArrayList<>();
        for (double rho : RHOS) {
            parts.add(Claim.format(Math.pow(rho, steps - 1)));
        }
        return String.join(", ", parts) + " for rho = " + fmtList(RHOS);
    }

    private static String fmtActive(Metrics metrics) {
        List<String> parts = new ArrayList<>();
        for (RecurrenceFamily family : FAMILIES) {
            parts.add(Claim.format(metrics.number(activeKey(family))) + " with " + family.formula());
        }
        return String.join(", ", parts);
    }
}
