package dev.tensorgrad.experiments.pcaae;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.Progress;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import dev.tensorgrad.tensor.linalg.Linalg;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Homework 3b, PCA and linear autoencoders: the first-order conditions of
 * {@code L = ||X - W2 W1 X||_F^2} hold at {@code W1 = U_k^T, W2 = U_k}, the closed-form gradients
 * agree with autograd, and gradient descent from random weights finds the principal subspace.
 */
public final class PcaLinearAutoencoder implements Experiment {

    private static final int K = 5;
    /** Feature variances: five strong directions, then fifteen weak ones, all distinct. */
    private static final double[] VARIANCES = variances();
    private static final double LEARNING_RATE = 0.02;
    private static final double INIT_STD = 0.1;

    @Override
    public String name() {
        return "pca-linear-ae";
    }

    @Override
    public String title() {
        return "PCA and linear autoencoders (3b)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        int n = ctx.quick() ? 200 : 500;
        int iterations = ctx.quick() ? 400 : 2000;
        int m = VARIANCES.length;
        Rng rng = new Rng(ctx.seed());
        Tensor x = PlantedSpectrum.generate(VARIANCES, n, rng.fork());

        Linalg.Eigen eig = Linalg.eigh(x.matmul(x.t()));
        Tensor uk = eig.vectors().narrow(1, 0, K).contiguous();
        double[] eigenvalues = eig.values().toDoubleArray();
        double optimum = 0;
        for (int i = K; i < m; i++) {
            optimum += eigenvalues[i];
        }

        Report report = ctx.report();
        report.question("""
                (i) Write out the first-order optimality conditions that the minima of \
                L(W1, W2; X) = ||X - W2 W1 X||_F^2 would satisfy. (ii) Show that the principal components U_k \
                satisfy them. The solution: dL/dW2 = 2 (W2 W1 - I) X X^T W1^T, dL/dW1 = 2 W2^T (W2 W1 - I) X X^T, \
                both zero at W1 = U_k^T, W2 = U_k; principal components are the unique optimum up to signs.""");
        report.setup(String.format(Locale.ROOT, """
                **Data.** X is %d x %d (features x samples), seed %d: Gaussian samples with feature variances %s \
                along random orthogonal directions, each feature centred. k = %d. Sample eigenvalues of X X^T: top \
                %d %s, then %s down to %s. Everything is FLOAT64.

                **(i)** The closed-form gradients are evaluated at W1 = U_k^T, W2 = U_k (U_k = top-%d eigenvectors of \
                X X^T, from `Linalg.eigh`). The residual is reported relative to 2 ||X X^T||_F, the size the \
                gradient takes at a generic point. The formulas themselves are checked against autograd's \
                gradient of L at a random point (W1, W2 standard normal).

                **(ii)** A linear autoencoder trained by full-batch gradient descent on L / n (the mean squared \
                reconstruction per sample), learning rate %s, %d iterations, from W1, W2 drawn N(0, %s^2), \
                gradients by autograd. The PCA optimum of L is the sum of the discarded eigenvalues of X X^T.""",
                m, n, ctx.seed(), fmt(VARIANCES), K, K, fmt(Arrays.copyOf(eigenvalues, K)),
                Claim.format(eigenvalues[K]), Claim.format(eigenvalues[m - 1]), K, Claim.format(LEARNING_RATE),
                iterations, Claim.format(INIT_STD)));

        Metrics metrics = ctx.metrics();
        // (i) The first-order conditions at the principal components.
        Tensor w1Pca = uk.t().contiguous();
        double gradientScale = 2 * frobenius(x.matmul(x.t()));
        double focAbs = Math.hypot(frobenius(AutoencoderGradients.encoder(x, w1Pca, uk)),
                frobenius(AutoencoderGradients.decoder(x, w1Pca, uk)));
        metrics.put("foc_residual", focAbs / gradientScale);
        metrics.put("foc_residual_abs", focAbs);
        metrics.put("pca_optimum_loss", optimum);

        // The same formulas against autograd at a random point.
        Rng checkRng = rng.fork();
        Tensor w1Random = Tensor.randn(checkRng, DType.FLOAT64, K, m);
        Tensor w2Random = Tensor.randn(checkRng, DType.FLOAT64, m, K);
        Variable w1 = Variable.param(w1Random.copy());
        Variable w2 = Variable.param(w2Random.copy());
        loss(Variable.constant(x), w1, w2).backward();
        double errEncoder = relativeError(w1.grad(), AutoencoderGradients.encoder(x, w1Random, w2Random));
        double errDecoder = relativeError(w2.grad(), AutoencoderGradients.decoder(x, w1Random, w2Random));
        metrics.put("foc_formula_vs_autograd_rel_error", Math.max(errEncoder, errDecoder));

        // (ii) Gradient descent from random weights.
        Rng initRng = rng.fork();
        Variable enc = Variable.param(Tensor.randn(initRng, DType.FLOAT64, K, m).mul(INIT_STD));
        Variable dec = Variable.param(Tensor.randn(initRng, DType.FLOAT64, m, K).mul(INIT_STD));
        Variable data = Variable.constant(x);
        double[] steps = new double[iterations + 1];
        double[] losses = new double[iterations + 1];
        Progress progress = ctx.progress("iteration", iterations);
        for (int t = 0; t <= iterations; t++) {
            Variable perSample = loss(data, enc, dec).div(n);
            steps[t] = t;
            losses[t] = perSample.item() * n;
            if (t == iterations) {
                break;
            }
            perSample.backward();
            enc.data().addScaledInPlace(-LEARNING_RATE, enc.grad());
            dec.data().addScaledInPlace(-LEARNING_RATE, dec.grad());
            enc.zeroGrad();
            dec.zeroGrad();
            progress.update(t + 1, losses[t] / n);
        }
        double finalLoss = losses[iterations];
        double angle = PrincipalAngles.largest(dec.data(), uk);
        double gap = (finalLoss - optimum) / optimum;
        metrics.put("max_principal_angle_rad", angle);
        metrics.put("encoder_principal_angle_rad", PrincipalAngles.largest(enc.data().t(), uk));
        metrics.put("loss_gap_rel", gap);
        metrics.put("final_loss", finalLoss);

        double[] optimumLine = new double[iterations + 1];
        double[] gaps = new double[iterations + 1];
        for (int t = 0; t <= iterations; t++) {
            optimumLine[t] = optimum;
            gaps[t] = (losses[t] - optimum) / optimum;
        }
        Map<String, double[][]> lossSeries = new LinkedHashMap<>();
        lossSeries.put("gradient descent", new double[][] {steps, losses});
        lossSeries.put("PCA optimum", new double[][] {steps, optimumLine});
        Plots.line(ctx.file("loss.png"), "Linear autoencoder loss ||X - W2 W1 X||^2", "iteration", "loss", true,
                lossSeries);
        Plots.line(ctx.file("loss_gap.png"), "Relative gap to the PCA optimum", "iteration",
                "(L - L_PCA) / L_PCA", true, Map.of("gradient descent", new double[][] {steps, gaps}));

        report.text(String.format(Locale.ROOT, """
                **(i)** At W1 = U_k^T, W2 = U_k the gradients have Frobenius norm %s, which is %s of 2 ||X X^T||_F. \
                At a random point the closed-form gradients and autograd's agree to a relative error of %s \
                (encoder %s, decoder %s).

                **(ii)** After %d iterations the loss is %s against the PCA optimum %s (relative gap %s). The \
                largest principal angle between span(W2) and span(U_k) is %s rad (between span(W1^T) and span(U_k): \
                %s rad). Two floors of double precision show here: an angle of about 1.5e-8 rad is the smallest an \
                arccosine can report (its cosine is 1 to working precision), and a loss gap of order 1e-15, of either \
                sign, is rounding in summing the loss.""",
                Claim.format(focAbs), Claim.format(focAbs / gradientScale),
                Claim.format(Math.max(errEncoder, errDecoder)), Claim.format(errEncoder), Claim.format(errDecoder),
                iterations, Claim.format(finalLoss), Claim.format(optimum), Claim.format(gap), Claim.format(angle),
                Claim.format(metrics.number("encoder_principal_angle_rad"))));
        report.figure("Loss during gradient descent against the PCA optimum (log scale)", ctx.file("loss.png"));
        report.figure("Relative gap to the PCA optimum (log scale)", ctx.file("loss_gap.png"));

        report.claim(Claim.below("The first-order conditions hold at W1 = U_k^T, W2 = U_k (relative residual < 1e-8)",
                metrics, "foc_residual", 1e-8));
        report.claim(Claim.below("The solution's gradient formulas match autograd (relative error < 1e-10)",
                metrics, "foc_formula_vs_autograd_rel_error", 1e-10));
        report.claim(Claim.below("Gradient descent from random weights finds the principal subspace "
                + "(largest principal angle < 0.01 rad)", metrics, "max_principal_angle_rad", 0.01));
        report.claim(Claim.below("Gradient descent reaches the PCA optimum loss (relative gap < 1e-6)",
                metrics, "loss_gap_rel", 1e-6));
        boolean allHeld = ctx.report().claims().stream().allMatch(Claim::held);
        report.verdict(allHeld
                ? "Every claim held. The principal components satisfy the first-order conditions to rounding error, "
                  + "and gradient descent from a random start converges to the same subspace and the same loss: "
                  + "on this data the linear autoencoder is PCA, as Baldi and Hornik's result says. Note that only "
                  + "the span is pinned down: W2 itself is U_k times some invertible k x k matrix, not U_k."
                : "Not every claim held; see the table. The measured values are reported as they came out.");
    }

    /** L = ||X - W2 W1 X||_F^2, built from autograd ops. */
    private static Variable loss(Variable x, Variable w1, Variable w2) {
        Variable residual = x.sub(w2.matmul(w1.matmul(x)));
        return residual.mul(residual).sum();
    }

    private static double relativeError(Tensor actual, Tensor expected) {
        return frobenius(actual.sub(expected)) / frobenius(expected);
    }

    private static double frobenius(Tensor t) {
        return Math.sqrt(t.mul(t).sum().item());
    }

    private static double[] variances() {
        double[] v = new double[20];
        double[] strong = {10, 8, 6, 5, 4};
        for (int i = 0; i < v.length; i++) {
            v[i] = i < strong.length ? strong[i] : 1.0 - 0.05 * (i - strong.length);
        }
        return v;
    }

    private static String fmt(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(Claim.format(values[i]));
        }
        return s.append(']').toString();
    }
}
