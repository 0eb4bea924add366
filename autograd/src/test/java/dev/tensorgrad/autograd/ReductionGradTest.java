package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.autograd.Inputs.Domain;
import dev.tensorgrad.autograd.Inputs.Layout;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backward of every reduction and of the softmax family agrees with finite differences, for
 * each set of reduced dims, with and without keepDim, on every layout of a [3, 4] operand, and on a
 * permuted (non-contiguous) [2, 3, 4] operand.
 */
class ReductionGradTest {
    private static final int ROWS = 3;
    private static final int COLS = 4;
    private static final int[][] DIMS_2D = {{}, {0}, {1}, {-1}, {0, 1}};

    /** Every (layout, dims, keepDim) combination for a 2-D operand. */
    static Stream<Arguments> reductions2d() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (int[] dims : DIMS_2D) {
                for (boolean keepDim : new boolean[] {false, true}) {
                    cases.add(Arguments.of(layout, dims, keepDim));
                }
            }
        }
        return cases.stream();
    }

    /** Every (layout, dim) combination for ops along one dim. */
    static Stream<Arguments> alongOneDim() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (int dim : new int[] {0, 1, -1}) {
                cases.add(Arguments.of(layout, dim));
            }
        }
        return cases.stream();
    }

    /** Every (layout, dim, keepDim) combination for reductions along one dim. */
    static Stream<Arguments> alongOneDimKeepingOrNot() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (int dim : new int[] {0, 1, -1}) {
                for (boolean keepDim : new boolean[] {false, true}) {
                    cases.add(Arguments.of(layout, dim, keepDim));
                }
            }
        }
        return cases.stream();
    }

    private static void check(Layout layout, Function<Variable, Variable> op) {
        Tensor x = layout.raw(new Rng(21), Domain.ANY, ROWS, COLS);
        GradCheck.assertGradients(v -> op.apply(layout.view(v[0], ROWS, COLS)), x);
    }

    /** A [2, 3, 4] operand stored as [4, 2, 3] and permuted into place. */
    private static void checkPermuted3d(Function<Variable, Variable> op) {
        Tensor x = Inputs.randn(new Rng(22), 4, 2, 3);
        GradCheck.assertGradients(v -> op.apply(v[0].permute(1, 2, 0)), x);
    }

    @ParameterizedTest(name = "{0} dims={1} keepDim={2}")
    @MethodSource("reductions2d")
    void sumSpreadsTheGradientOverTheReducedDims(Layout layout, int[] dims, boolean keepDim) {
        check(layout, x -> x.sum(dims, keepDim));
    }

    @ParameterizedTest(name = "{0} dims={1} keepDim={2}")
    @MethodSource("reductions2d")
    void meanSpreadsTheGradientDividedByTheCount(Layout layout, int[] dims, boolean keepDim) {
        check(layout, x -> x.mean(dims, keepDim));
    }

    @ParameterizedTest(name = "{0} dims={1} keepDim={2}")
    @MethodSource("reductions2d")
    void maxSendsTheGradientToTheMaximalElement(Layout layout, int[] dims, boolean keepDim) {
        // A broadcast operand repeats each value along dim 0, so a max over dim 0 would be a tie.
        if (layout == Layout.BROADCAST) {
            check(layout, x -> x.add(Variable.constant(Tensor.of(new double[] {0, 5, 10}, ROWS, 1))).max(dims, keepDim));
        } else {
            check(layout, x -> x.max(dims, keepDim));
        }
    }

    @ParameterizedTest(name = "{0} dim={1} keepDim={2}")
    @MethodSource("alongOneDimKeepingOrNot")
    void logSumExpHasGradientSoftmax(Layout layout, int dim, boolean keepDim) {
        check(layout, x -> x.logSumExp(dim, keepDim));
    }

    @ParameterizedTest(name = "{0} dim={1}")
    @MethodSource("alongOneDim")
    void softmaxBackwardAppliesTheSoftmaxJacobian(Layout layout, int dim) {
        check(layout, x -> x.softmax(dim));
    }

    @ParameterizedTest(name = "{0} dim={1}")
    @MethodSource("alongOneDim")
    void logSoftmaxBackwardSubtractsSoftmaxTimesTheGradientSum(Layout layout, int dim) {
        check(layout, x -> x.logSoftmax(dim));
    }

    @Test
    void reductionsOfAPermuted3dOperandOverSeveralDims() {
        checkPermuted3d(x -> x.sum(new int[] {0, 2}, false));
        checkPermuted3d(x -> x.mean(new int[] {1}, true));
        checkPermuted3d(x -> x.max(new int[] {0, 2}, true));
        checkPermuted3d(x -> x.logSumExp(1, false));
        checkPermuted3d(x -> x.softmax(2));
        checkPermuted3d(x -> x.logSoftmax(0));
    }

    @Test
    void maxSplitsTheGradientEvenlyBetweenTiedMaxima() {
        Variable x = Variable.param(Tensor.of(new double[] {1, 3, 3, 2, 0, 2}, 2, 3));
        x.max(1).sum().backward();
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0.5, 0, 0.5}, x.grad().toDoubleArray());
    }

    @Test
    void meanGradientIsOneOverTheNumberOfAveragedElements() {
        Variable x = Variable.param(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        x.mean(0).sum().backward();
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, x.grad().toDoubleArray());
    }
}
