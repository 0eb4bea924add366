package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Gradient checking: compares the gradient that backward computes with one measured by central
 * finite differences, {@code (f(x + eps) - f(x - eps)) / 2 eps}, for every element of every input.
 * If your backward has a wrong sign, a missing factor or a forgotten broadcast sum, this finds it
 * and tells you which element is off.
 *
 * <p>For a function with a non-scalar output, it checks the vector-Jacobian product that backward
 * actually computes: with a random upstream gradient v (seeded, so failures repeat), the analytic
 * {@code v^T J} is compared with {@code <v, f(x+e) - f(x-e)> / 2 eps}.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Rng(0), DType.FLOAT64, 3, 4);
 * GradCheck.assertGradients(v -> v[0].tanh().mul(v[0]).sum(), x);
 * }</pre>
 *
 * <p>Inputs must be FLOAT64: in FLOAT32 the rounding error of a difference quotient is larger than
 * the tolerances. Inputs are copied (contiguously) and never modified; to check a non-contiguous
 * layout, make the view inside {@code f} (e.g. {@code v -> v[0].t().exp().sum()}). Every
 * evaluation builds a fresh graph, so nothing saved by one graph is ever written in place.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /**
     * Tolerances and the seed of the random upstream gradient. An element passes when
     * {@code |analytic - numerical| <= atol + rtol * |numerical|}.
     *
     * @param eps finite-difference step
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     * @param seed seed of the random upstream gradient used for non-scalar outputs
     */
    public record Options(double eps, double atol, double rtol, long seed) {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if eps is not a positive finite number or a tolerance is
         *     negative or NaN
         */
        public Options {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("gradcheck: eps must be positive and finite, got " + eps);
            }
            if (!(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("gradcheck: tolerances must be >= 0, got atol " + atol + " and rtol " + rtol);
            }
        }

        /** PyTorch's defaults: eps = 1e-6, atol = 1e-5, rtol = 1e-3; seed 0. */
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3, 0);
        }

        /** These options with another eps. */
        public Options withEps(double newEps) {
            return new Options(newEps, atol, rtol, seed);
        }

        /** These options with other tolerances. */
        public Options withTolerances(double newAtol, double newRtol) {
            return new Options(eps, newAtol, newRtol, seed);
        }
    }

    /**
     * The comparison for one input.
     *
     * @param input position of the input in the argument list
     * @param shape the input's shape
     * @param maxError largest |analytic - numerical| over its elements
     * @param passed whether every element was within tolerance
     * @param worstIndex multi-index of the element furthest outside (or closest to) its tolerance
     * @param analytic the gradient backward computed at that element
     * @param numerical the finite-difference gradient at that element
     */
    public record InputReport(int input, int[] shape, double maxError, boolean passed, int[] worstIndex,
            double analytic, double numerical) {
        /** One line naming the input, the worst element, both values and the error. */
        public String describe() {
            return "input " + input + " of shape " + Shape.format(shape) + ": at index " + Arrays.toString(worstIndex)
                    + " analytic " + analytic + " vs numerical " + numerical + " (error "
                    + Math.abs(analytic - numerical) + ", max error " + maxError + ")";
        }
    }

    /**
     * The outcome of a check.
     *
     * @param passed whether every input passed
     * @param inputs one report per input, in argument order
     */
    public record Result(boolean passed, List<InputReport> inputs) {
        /** Largest |analytic - numerical| of each input, in argument order. */
        public double[] maxErrors() {
            return inputs.stream().mapToDouble(InputReport::maxError).toArray();
        }

        /** A readable summary; on failure, one line per failing input. */
        public String message() {
            if (passed) {
                return "gradcheck passed; max errors " + Arrays.toString(maxErrors());
            }
            StringBuilder sb = new StringBuilder("gradcheck failed:");
            for (InputReport report : inputs) {
                if (!report.passed()) {
                    sb.append("\n  ").append(report.describe());
                }
            }
            return sb.toString();
        }
    }

    /** Checks f's gradients at the given FLOAT64 inputs with the default options. */
    public static Result check(Function<Variable[], Variable> f, Tensor... inputs) {
        return check(f, Options.defaults(), inputs);
    }

    /**
     * Checks f's gradient with respect to every element of every input.
     *
     * @param f the function; receives one variable per input, in order
     * @throws IllegalArgumentException if an input or the output is not FLOAT64, if there are no
     *     inputs, or if the output does not depend on any input
     */
    public static Result check(Function<Variable[], Variable> f, Options options, Tensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("gradcheck: needs at least one input");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: input " + i + " of shape " + Shape.format(inputs[i].shape())
                        + " is " + inputs[i].dtype() + "; finite differences need FLOAT64, use to(DType.FLOAT64)");
            }
        }
        Tensor[] x = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            x[i] = inputs[i].copy();
        }

        // Analytic: one backward pass with upstream gradient v.
        Variable[] params = new Variable[x.length];
        for (int i = 0; i < x.length; i++) {
            params[i] = Variable.param(x[i]);
        }
        Variable out = f.apply(params);
        if (out == null) {
            throw new IllegalArgumentException("gradcheck: f returned null instead of a variable");
        }
        if (out.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradcheck: output of shape " + Shape.format(out.shape()) + " is "
                    + out.dtype() + ", not FLOAT64");
        }
        if (!out.requiresGrad()) {
            throw new IllegalArgumentException("gradcheck: the output of shape " + Shape.format(out.shape())
                    + " does not depend on any input (or f ran inside noGrad)");
        }
        Tensor v = out.data().numel() == 1
                ? Tensor.onesLike(out.data())
                : Tensor.randn(new Rng(options.seed()), DType.FLOAT64, out.shape());
        out.backward(v);
        double[] upstream = v.toDoubleArray();

        List<InputReport> reports = new ArrayList<>();
        boolean passed = true;
        for (int i = 0; i < x.length; i++) {
            Tensor grad = params[i].grad();
            double[] analytic = grad == null ? new double[x[i].numel()] : grad.toDoubleArray();
            InputReport report = compare(f, x, i, analytic, upstream, options);
            passed &= report.passed();
            reports.add(report);
        }
        return new Result(passed, List.copyOf(reports));
    }

    /**
     * Like {@link #check}, but throws when a gradient is wrong.
     *
     * @throws AssertionError naming the input, its shape, the worst element's index, the analytic
     *     and numerical values and the error
     */
    public static void assertGradients(Function<Variable[], Variable> f, Tensor... inputs) {
        assertGradients(f, Options.defaults(), inputs);
    }

    /** Like {@link #check} with options, but throws an AssertionError when a gradient is wrong. */
    public static void assertGradients(Function<Variable[], Variable> f, Options options, Tensor... inputs) {
        Result result = check(f, options, inputs);
        if (!result.passed()) {
            throw new AssertionError(result.message());
        }
    }

    /** Central differences for every element of input i, compared with the analytic gradient. */
    private static InputReport compare(Function<Variable[], Variable> f, Tensor[] x, int i, double[] analytic,
            double[] upstream, Options options) {
        int[] shape = x[i].shape();
        double[] values = x[i].toDoubleArray();
        double maxError = 0;
        double worstRatio = -1;
        int worst = 0;
        double worstNumerical = 0;
        boolean passed = true;
        for (int j = 0; j < values.length; j++) {
            double[] plus = evaluate(f, x, i, values, j, values[j] + options.eps());
            double[] minus = evaluate(f, x, i, values, j, values[j] - options.eps());
            double directional = 0;
            for (int k = 0; k < upstream.length; k++) {
                directional += upstream[k] * (plus[k] - minus[k]);
            }
            double numerical = directional / (2 * options.eps());
            double error = Math.abs(analytic[j] - numerical);
            double tolerance = options.atol() + options.rtol() * Math.abs(numerical);
            // Written so that a NaN on either side fails: NaN <= anything is false.
            boolean ok = error <= tolerance;
            passed &= ok;
            maxError = Math.max(maxError, error); // stays NaN once NaN
            // How far outside (or inside) its tolerance the element is; 0 / 0 would be NaN and never picked.
            double ratio = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error == 0 ? 0 : error / tolerance;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = j;
                worstNumerical = numerical;
            }
        }
        double worstAnalytic = values.length == 0 ? 0 : analytic[worst];
        return new InputReport(i, shape, maxError, passed, unravel(worst, shape), worstAnalytic, worstNumerical);
    }

    /** f's output values with element j of input i set to value (on a fresh copy), without a graph. */
    private static double[] evaluate(Function<Variable[], Variable> f, Tensor[] x, int i, double[] values, int j,
            double value) {
        double[] perturbed = values.clone();
        perturbed[j] = value;
        Variable[] args = new Variable[x.length];
        for (int k = 0; k < x.length; k++) {
            args[k] = Variable.param(k == i ? Tensor.of(perturbed, x[k].shape()) : x[k].copy());
        }
        try (var scope = Graph.noGrad()) {
            return f.apply(args).data().toDoubleArray();
        }
    }

    /** The multi-index of flat row-major position p in shape. */
    private static int[] unravel(int p, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 0) {
                index[d] = p % shape[d];
                p /= shape[d];
            }
        }
        return index;
    }
}
