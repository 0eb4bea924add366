package dev.tensorgrad.experiments.regae;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.Progress;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.pcaae.PlantedSpectrum;
import dev.tensorgrad.experiments.pcaae.PrincipalAngles;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.MSELoss;
import dev.tensorgrad.nn.optim.CosineAnnealingLR;
import dev.tensorgrad.nn.optim.SGD;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Homework problem 8, self-supervised linear autoencoders: the L2-regularised objective
 * {@code (1/n)||X - W2 W1 X||_F^2 + lambda (||W1||_F^2 + ||W2||_F^2)} trained the PyTorch way (two
 * bias-free Linear layers, MSELoss, SGD with weight decay, minibatches), and the singular values of
 * the decoder W2 compared with the stationary-point prediction {@code sqrt(1 - lambda / s_i)}.
 */
public final class RegularizedLinearAutoencoder implements Experiment {

    private static final int K = 5;
    private static final double LAMBDA = 0.05;
    /** The step size on objective (7) itself; the optimizer's lr is this times m (see the setup text). */
    private static final double STEP = 0.02;
    private static final int BATCH = 20;
    /**
     * The allowed deviation of sigma_i from sqrt(1 - lambda/s_i), as a fraction of the predicted shrinkage
     * 1 - sqrt(1 - lambda/s_i): a quarter of the effect, so a deviation the size of the effect fails.
     */
    private static final double SHRINKAGE_TOLERANCE = 0.25;
    private static final double[] VARIANCES = variances();

    @Override
    public String name() {
        return "regularized-linear-ae";
    }

    @Override
    public String title() {
        return "L2-regularised linear autoencoders (8)";
    }

    /** What one training run left behind. */
    private record Trained(Tensor w1, Tensor w2, double[] singularValues) {
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        int n = ctx.quick() ? 400 : 2000;
        int epochs = ctx.quick() ? 15 : 300;
        int m = VARIANCES.length;
        Rng rng = new Rng(ctx.seed());
        Tensor x = PlantedSpectrum.generate(VARIANCES, n, rng.fork());
        Linalg.Eigen eig = Linalg.eigh(x.matmul(x.t()).div(n));
        double[] s = Arrays.copyOf(eig.values().toDoubleArray(), K);
        Tensor uk = eig.vectors().narrow(1, 0, K).contiguous();
        double[] predicted = new double[K];
        double predictedOrthoSq = 0;
        for (int i = 0; i < K; i++) {
            predicted[i] = Math.sqrt(1 - LAMBDA / s[i]);
            predictedOrthoSq += Math.pow(LAMBDA / s[i], 2);
        }
        double lr = STEP * m;
        double weightDecay = 2 * LAMBDA / m;
        int fullBatchSteps = epochs * (n / BATCH) / 10;

        Report report = ctx.report();
        report.question("""
                Consider the regularised linear autoencoder (7): \
                L = (1/n)||X - W2 W1 X||_F^2 + lambda ||W1||_F^2 + lambda ||W2||_F^2. (a) To optimise it SGD-style in \
                PyTorch: how many linear layers, which loss, and which of weight decay / dropout / layer norm / batch \
                norm / SGD optimizer? (Solution: 2 layers, MSELoss, weight decay and the SGD optimizer.) (b) Does a \
                small nonzero lambda bias the solution towards a W2 with approximately orthonormal columns? \
                (Solution: yes; W2 W1 must project onto the top-k principal subspace, and among the factorisations \
                the penalty sigma^2 + 1/sigma^2 is smallest at sigma = 1.)""");
        report.setup(String.format(Locale.ROOT, """
                **Data.** X is %d x %d (features x samples), seed %d, zero-centred Gaussian with feature variances %s \
                along random orthogonal directions. k = %d, lambda = %s. Top-%d eigenvalues s_i of X X^T / n: %s.

                **Prediction, derived for objective (7).** Setting the gradients of (7) to zero, with \
                C = X X^T / n: W2^T (W2 W1 - I) C + lambda W1 = 0 and (W2 W1 - I) C W1^T + lambda W2 = 0. \
                Multiplying the first by W1^T on the right and the second by W2^T on the left and subtracting \
                gives lambda (W1 W1^T - W2^T W2) = 0: at every stationary point with lambda > 0 the two layers \
                are balanced. Try W1 = R diag(a) U_k^T, W2 = U_k diag(b) R^T (R orthogonal k x k): the conditions \
                become b_i (a_i b_i - 1) s_i + lambda a_i = 0 and a_i (a_i b_i - 1) s_i + lambda b_i = 0, so \
                a_i = b_i = sigma_i with sigma_i^2 s_i - s_i + lambda = 0, that is **sigma_i = sqrt(1 - lambda / s_i)** \
                (a nonzero solution exists while lambda < s_i). This is the issue's formula, and it needs s_i to be \
                the eigenvalues of X X^T / **n**, matching the 1/n in (7); without the 1/n they would be those of \
                X X^T. Predicted singular values of W2: %s; predicted ||W2^T W2 - I||_F = \
                sqrt(sum (lambda/s_i)^2) = %s.

                **Training, the PyTorch way.** Encoder `Linear(%d, %d, bias=false)`, decoder \
                `Linear(%d, %d, bias=false)` (FLOAT64, PyTorch's default uniform init), `MSELoss` (mean), `SGD` \
                with weight decay, minibatches of %d samples reshuffled every epoch, %d epochs (%d steps), cosine \
                learning-rate annealing to 1%% of the start. Matching the constants: the mean over a batch of B \
                samples of m features is (1/(B m)) sum ||x - W2 W1 x||^2, whose expected gradient is 1/m times the \
                gradient of the data term of (7); torch's weight decay wd adds wd w to the gradient, while (7)'s \
                penalty adds 2 lambda w. A step of size eta on (7), w -= eta (grad_data + 2 lambda w), is \
                therefore w -= (eta m) (grad_MSE + (2 lambda / m) w): **lr = eta m = %s, weight_decay = 2 lambda / m \
                = %s** (eta = %s). The lambda = 0 run uses the same data, initial weights and batches with \
                weight_decay = 0.

                **The test of the prediction.** The prediction is about the minimiser of (7), which minibatch SGD \
                only approaches up to its noise. So the same optimiser, weight decay and initial weights also run \
                on the full batch of %d samples at every step (%d steps, the same cosine schedule): that run \
                follows the exact gradient of (7) and is the one the prediction is tested on; the minibatch run is \
                the homework's recipe and is shown beside it.""",
                m, n, ctx.seed(), fmt(VARIANCES), K, Claim.format(LAMBDA), K, fmt(s), fmt(predicted),
                Claim.format(Math.sqrt(predictedOrthoSq)), m, K, K, m, BATCH, epochs, epochs * (n / BATCH),
                Claim.format(lr), Claim.format(weightDecay), Claim.format(STEP), n, fullBatchSteps));

        long initSeed = rng.nextLong();
        long batchSeed = rng.nextLong();
        Trained reg = train(ctx, "lambda=" + LAMBDA, x, BATCH, lr, weightDecay, epochs, initSeed, batchSeed);
        Trained plain = train(ctx, "lambda=0", x, BATCH, lr, 0.0, epochs, initSeed, batchSeed);
        // The same optimiser on the whole dataset at every step: separates minibatch noise from the theory.
        Trained full = train(ctx, "full batch", x, n, lr, weightDecay, fullBatchSteps, initSeed, batchSeed);

        Metrics metrics = ctx.metrics();
        metrics.put("w2_singular_values", reg.singularValues());
        metrics.put("w2_singular_values_predicted", predicted);
        metrics.put("max_abs_dev_from_prediction", maxAbsDiff(reg.singularValues(), predicted));
        metrics.put("orthonormality_error", orthonormalityError(reg.w2()));
        metrics.put("orthonormality_error_predicted", Math.sqrt(predictedOrthoSq));
        metrics.put("balance_error", balanceError(reg));
        metrics.put("principal_angle_rad", PrincipalAngles.largest(reg.w2(), uk));
        metrics.put("w2_singular_values_fullbatch", full.singularValues());
        metrics.put("max_abs_dev_from_prediction_fullbatch", maxAbsDiff(full.singularValues(), predicted));
        metrics.put("shrinkage_rel_error", shrinkageError(reg.singularValues(), predicted));
        metrics.put("shrinkage_rel_error_fullbatch", shrinkageError(full.singularValues(), predicted));
        metrics.put("sgd_singular_values_not_below_one",
                (double) Arrays.stream(reg.singularValues()).filter(v -> v >= 1).count());
        metrics.put("balance_error_fullbatch", balanceError(full));
        metrics.put("w2_singular_values_lambda0", plain.singularValues());
        metrics.put("max_abs_dev_from_one_lambda0", maxAbsDiff(plain.singularValues(), ones(K)));
        metrics.put("orthonormality_error_lambda0", orthonormalityError(plain.w2()));
        metrics.put("balance_error_lambda0", balanceError(plain));
        metrics.put("principal_angle_rad_lambda0", PrincipalAngles.largest(plain.w2(), uk));

        double[] index = new double[K];
        for (int i = 0; i < K; i++) {
            index[i] = i + 1;
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("predicted sqrt(1 - lambda/s_i)", new double[][] {index, predicted});
        series.put("measured, lambda = " + LAMBDA, new double[][] {index, reg.singularValues()});
        series.put("measured, lambda = " + LAMBDA + ", full batch", new double[][] {index, full.singularValues()});
        series.put("measured, lambda = 0", new double[][] {index, plain.singularValues()});
        Plots.line(ctx.file("singular_values.png"), "Singular values of the decoder W2", "i", "sigma_i(W2)", false,
                series);

        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            rows.add(List.of(Integer.toString(i + 1), Claim.format(s[i]), Claim.format(predicted[i]),
                    Claim.format(reg.singularValues()[i]), Claim.format(full.singularValues()[i]),
                    Claim.format(plain.singularValues()[i])));
        }
        report.table(List.of("i", "s_i", "predicted sigma_i", "SGD, lambda = " + LAMBDA,
                "full batch, lambda = " + LAMBDA, "SGD, lambda = 0"), rows);
        report.text(String.format(Locale.ROOT, """
                With lambda = %s: ||W2^T W2 - I||_F = %s (predicted %s), balance ||W1 W1^T - W2^T W2||_F = %s, \
                largest principal angle between span(W2) and the top-%d principal subspace %s rad. With lambda = 0: \
                ||W2^T W2 - I||_F = %s, balance %s, principal angle %s rad.""",
                Claim.format(LAMBDA), Claim.format(metrics.number("orthonormality_error")),
                Claim.format(Math.sqrt(predictedOrthoSq)), Claim.format(metrics.number("balance_error")), K,
                Claim.format(metrics.number("principal_angle_rad")),
                Claim.format(metrics.number("orthonormality_error_lambda0")),
                Claim.format(metrics.number("balance_error_lambda0")),
                Claim.format(metrics.number("principal_angle_rad_lambda0"))));
        report.figure("Singular values of W2: predicted, trained with weight decay, trained without",
                ctx.file("singular_values.png"));

        double ortho = metrics.number("orthonormality_error");
        double ortho0 = metrics.number("orthonormality_error_lambda0");
        Claim orthonormal = Claim.below("With small lambda W2 has approximately orthonormal columns "
                + "(||W2^T W2 - I||_F < 0.1)", metrics, "orthonormality_error", 0.1);
        Claim contrast = new Claim("Without regularisation nothing pins the singular values: ||W2^T W2 - I||_F with "
                + "lambda = 0 is more than 5 times that with lambda > 0 (" + Claim.format(ortho) + ")",
                "orthonormality_error_lambda0", ortho0, ortho0 > 5 * ortho);
        double smallest = 1 - predicted[0];
        Claim matched = Claim.below("Full-batch training on (7) lands on sigma_i = sqrt(1 - lambda/s_i): every "
                + "|sigma_i - sqrt(1 - lambda/s_i)| is below " + Claim.format(SHRINKAGE_TOLERANCE) + " of the "
                + "predicted shrinkage 1 - sqrt(1 - lambda/s_i) (" + Claim.format(smallest) + " to "
                + Claim.format(1 - predicted[K - 1]) + "); measured: the largest such ratio",
                metrics, "shrinkage_rel_error_fullbatch", SHRINKAGE_TOLERANCE);
        report.claim(orthonormal).claim(contrast).claim(matched);
        report.verdict(verdict(orthonormal.held(), contrast.held(), matched.held(), metrics, reg.singularValues()[0]));
    }

    /** Minibatch SGD on (7) through nn's Linear, MSELoss and SGD; returns W1, W2 and W2's singular values. */
    private static Trained train(RunContext ctx, String label, Tensor x, int batch, double lr, double weightDecay,
                                 int epochs, long initSeed, long batchSeed) {
        int m = x.size(0);
        int n = x.size(1);
        Rng init = new Rng(initSeed);
        Linear encoder = new Linear(m, K, false, DType.FLOAT64, init);
        Linear decoder = new Linear(K, m, false, DType.FLOAT64, init);
        List<Variable> params = List.of(encoder.weight(), decoder.weight());
        SGD sgd = new SGD(params, lr, 0, 0, weightDecay, false);
        CosineAnnealingLR schedule = new CosineAnnealingLR(sgd, epochs, lr * 0.01);
        MSELoss mse = new MSELoss();
        Tensor samples = x.t().contiguous();
        Rng batches = new Rng(batchSeed);
        Progress progress = ctx.progress("epoch (" + label + ")", epochs);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = batches.permutation(n);
            double total = 0;
            for (int start = 0; start + batch <= n; start += batch) {
                Variable xb = Variable.constant(samples.indexSelect(0, Arrays.copyOfRange(order, start, start + batch)));
                Variable loss = mse.forward(decoder.forward(encoder.forward(xb)), xb);
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                total += loss.item();
            }
            schedule.step();
            progress.update(epoch + 1, total / (n / batch));
        }
        Tensor w1 = encoder.weight().data();
        Tensor w2 = decoder.weight().data();
        return new Trained(w1, w2, Linalg.svd(w2).s().toDoubleArray());
    }

    /**
     * The verdict from whether each claim held: {@code orthonormal} (minibatch SGD with weight decay),
     * {@code contrast} (lambda = 0 is clearly less orthonormal), {@code matched} (full batch lands on the prediction).
     */
    private static String verdict(boolean orthonormal, boolean contrast, boolean matched, Metrics metrics,
                                  double sgdLargest) {
        List<String> lines = new ArrayList<>();
        lines.add(matched
                ? "The prediction holds where the optimiser reaches the minimiser of (7): full-batch training lands "
                  + "on sqrt(1 - lambda/s_i), each singular value off by at most "
                  + Claim.format(metrics.number("shrinkage_rel_error_fullbatch")) + " of its predicted shrinkage "
                  + "(largest deviation " + Claim.format(metrics.number("max_abs_dev_from_prediction_fullbatch"))
                  + "), so W2's columns are orthonormal up to the small, predicted shrinkage below 1."
                : "Full-batch training did not land on sqrt(1 - lambda/s_i) within "
                  + Claim.format(SHRINKAGE_TOLERANCE) + " of the predicted shrinkage; see the table.");
        lines.add(orthonormal
                ? "Trained the PyTorch way, with minibatch SGD and weight decay, W2 is approximately orthonormal "
                  + "too (||W2^T W2 - I||_F = " + Claim.format(metrics.number("orthonormality_error")) + ")."
                : "Trained with minibatch SGD and weight decay, W2 was not orthonormal within the claimed 0.1.");
        lines.add(contrast
                ? "Without weight decay the product W2 W1 still finds the principal subspace (principal angle "
                  + Claim.format(metrics.number("principal_angle_rad_lambda0")) + " rad) but the singular values of W2 "
                  + "stay wherever the initialisation's imbalance W2^T W2 - W1 W1^T, which plain gradient flow conserves, "
                  + "puts them: the orthonormality comes from the regulariser, not from the reconstruction loss."
                : "The lambda = 0 run was not clearly less orthonormal on this draw; see the table.");
        lines.add("The minibatch SGD run is an illustration, not a test of the prediction, and it does not show "
                + "the predicted shrinkage accurately: its singular values sit above the prediction (largest "
                + "deviation " + Claim.format(metrics.number("max_abs_dev_from_prediction")) + ", up to "
                + Claim.format(metrics.number("shrinkage_rel_error")) + " times the predicted shrinkage of the same "
                + "sigma_i; balance error " + Claim.format(metrics.number("balance_error")) + ")"
                + (sgdLargest >= 1 ? ", and the largest, " + Claim.format(sgdLargest) + ", is not below 1 at all, "
                        + "the opposite of the predicted shrinkage" : "")
                + ", while the same optimiser on the full batch gets within "
                + Claim.format(metrics.number("max_abs_dev_from_prediction_fullbatch")) + " (balance "
                + Claim.format(metrics.number("balance_error_fullbatch")) + "). A likely cause: each finite SGD "
                + "step breaks the conservation of W2^T W2 - W1 W1^T by a term of order lr^2 that, averaged over "
                + "noisy minibatch gradients, does not vanish at the optimum; weight decay pulls the imbalance back at rate "
                + "4 lambda eta per step, and the two settle at a small bias towards a larger W2. Without weight decay "
                + "nothing pulls back, and the same drift grows W2 throughout training.");
        return String.join(" ", lines);
    }

    private static double orthonormalityError(Tensor w2) {
        Tensor gram = w2.t().matmul(w2).sub(Tensor.eye(w2.size(1), DType.FLOAT64));
        return Math.sqrt(gram.mul(gram).sum().item());
    }

    /** ||W1 W1^T - W2^T W2||_F: zero at every stationary point of (7) with lambda > 0. */
    private static double balanceError(Trained t) {
        Tensor d = t.w1().matmul(t.w1().t()).sub(t.w2().t().matmul(t.w2()));
        return Math.sqrt(d.mul(d).sum().item());
    }

    /** max_i |sigma_i - predicted_i| / (1 - predicted_i): each deviation as a fraction of its predicted shrinkage. */
    private static double shrinkageError(double[] sigma, double[] predicted) {
        double max = 0;
        for (int i = 0; i < sigma.length; i++) {
            max = Math.max(max, Math.abs(sigma[i] - predicted[i]) / (1 - predicted[i]));
        }
        return max;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double[] ones(int k) {
        double[] v = new double[k];
        Arrays.fill(v, 1.0);
        return v;
    }

    private static double[] variances() {
        double[] v = new double[20];
        double[] strong = {4, 3, 2.5, 2, 1.5};
        for (int i = 0; i < v.length; i++) {
            v[i] = i < strong.length ? strong[i] : 0.5 - 0.02 * (i - strong.length);
        }
        return v;
    }

    private static String fmt(double[] values) {
        return Arrays.stream(values).mapToObj(Claim::format).toList().toString();
    }
}
