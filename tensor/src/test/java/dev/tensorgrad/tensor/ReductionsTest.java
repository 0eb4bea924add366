package dev.tensorgrad.tensor;

import static dev.tensorgrad.tensor.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tensorgrad.tensor.Layouts.Layout;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Reductions over every subset of dims, with and without keepDim, against folds over
 * multi-indices; lane ops (argmax, logSumExp, softmax) against per-lane loops.
 */
class ReductionsTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Layouts.shapes();
    }

    /** Which dims a bit mask reduces; mask 0 is the API's "no dims given", which reduces all of them. */
    private static boolean[] reducedBy(int mask, int rank) {
        boolean[] flags = Reference.flagsOf(mask, rank);
        if (mask == 0) {
            java.util.Arrays.fill(flags, true);
        }
        return flags;
    }

    private static int count(int[] shape, boolean[] reduced) {
        int n = 1;
        for (int d = 0; d < shape.length; d++) {
            n *= reduced[d] ? shape[d] : 1;
        }
        return n;
    }

    /** Element i within scale[i] * rtol of expected[i]: sums are compared relative to the sum of |x|. */
    private static void assertWithinScale(double[] expected, double[] scale, int[] shape, Tensor actual, double rtol) {
        assertArrayEquals(shape, actual.shape(), "shape");
        double[] values = actual.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            boolean ok = Double.isNaN(expected[i]) ? Double.isNaN(values[i])
                    : Math.abs(values[i] - expected[i]) <= rtol * scale[i] + 1e-300;
            if (!ok) {
                fail("element " + i + ": expected " + expected[i] + " but was " + values[i]);
            }
        }
    }

    private static double rtol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
    }

    // ---------------------------------------------------------------- sum, mean, variance, max, min

    @Property(tries = 300)
    void sumAndMeanOverAnySubsetOfDims(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll DType dtype,
                                       @ForAll boolean keepDim, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Layouts.make(shape, layout, dtype, random, -2, 2);
        int mask = random.nextInt(1 << shape.length);
        boolean[] reduced = reducedBy(mask, shape.length);
        int[] dims = Reference.dimsOf(mask, shape.length);
        int[] outShape = Reference.reducedShape(shape, reduced, keepDim);
        double[] sum = Reference.reduce(x, reduced, 0, Double::sum);
        double[] scale = Reference.reduce(x, reduced, 0, (acc, v) -> acc + Math.abs(v));
        int n = count(shape, reduced);
        double[] mean = new double[sum.length];
        double[] meanScale = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = sum[i] / n;
            meanScale[i] = scale[i] / n;
        }
        assertWithinScale(sum, scale, outShape, x.sum(dims, keepDim), rtol(dtype));
        assertWithinScale(mean, meanScale, outShape, x.mean(dims, keepDim), rtol(dtype));
        if (!keepDim) {
            assertWithinScale(sum, scale, outShape, x.sum(dims), rtol(dtype));
        }
    }

    @Property(tries = 300)
    void varianceOverAnySubsetOfDimsDividesByNMinusOne(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                       @ForAll DType dtype, @ForAll boolean keepDim,
                                                       @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Layouts.make(shape, layout, dtype, random, -2, 2);
        int mask = random.nextInt(1 << shape.length);
        boolean[] reduced = reducedBy(mask, shape.length);
        int n = count(shape, reduced);
        double[] sum = Reference.reduce(x, reduced, 0, Double::sum);
        double[] sumOfSquares = Reference.reduce(x, reduced, 0, (acc, v) -> acc + v * v);
        double[] expected = new double[sum.length];
        double[] scale = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            double mean = sum[i] / n;
            // Two-pass form would need the elements again; this one is fine in double for values in [-2, 2].
            expected[i] = n < 2 ? Double.NaN : (sumOfSquares[i] - n * mean * mean) / (n - 1);
            scale[i] = n < 2 ? 0 : sumOfSquares[i] / (n - 1) + 1e-12;
        }
        int[] outShape = Reference.reducedShape(shape, reduced, keepDim);
        assertWithinScale(expected, scale, outShape, x.variance(Reference.dimsOf(mask, shape.length), keepDim),
                dtype == DType.FLOAT32 ? 1e-5 : 1e-11);
    }

    @Property(tries = 300)
    void maxAndMinOverAnySubsetOfDims(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll DType dtype,
                                      @ForAll boolean keepDim, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Layouts.make(shape, layout, dtype, random, -2, 2);
        int mask = random.nextInt(1 << shape.length);
        boolean[] reduced = reducedBy(mask, shape.length);
        int[] dims = Reference.dimsOf(mask, shape.length);
        if (count(shape, reduced) == 0) {
            assertThrows(IllegalArgumentException.class, () -> x.max(dims, keepDim));
            assertThrows(IllegalArgumentException.class, () -> x.min(dims, keepDim));
            return;
        }
        int[] outShape = Reference.reducedShape(shape, reduced, keepDim);
        assertClose(Reference.reduce(x, reduced, Double.NEGATIVE_INFINITY, Math::max), outShape,
                x.max(dims, keepDim), 0, 0);
        assertClose(Reference.reduce(x, reduced, Double.POSITIVE_INFINITY, Math::min), outShape,
                x.min(dims, keepDim), 0, 0);
    }

    @Test
    void sumOfAnEmptyTensorIsZeroAndMeanIsNaN() {
        assertEquals(0, Tensor.zeros(0).sum().item());
        assertArrayEquals(new double[] {0, 0, 0}, Tensor.zeros(0, 3).sum(0).toDoubleArray());
        assertTrue(Double.isNaN(Tensor.zeros(0).mean().item()));
    }

    @Test
    void maxOfAnEmptyTensorThrowsNamingTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).max());
        assertEquals("max: cannot reduce an empty tensor of shape [2, 0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).min(1));
    }

    @Test
    void maxOverANonEmptyDimOfAnEmptyTensorIsEmpty() {
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 3).max(1).shape());
    }

    @Test
    void varianceOfOneOrNoElementsIsNaN() {
        assertTrue(Double.isNaN(Tensor.of(3.0).variance().item()));
        assertTrue(Double.isNaN(Tensor.zeros(DType.FLOAT64, 0).variance().item()));
    }

    @Test
    void maxAndMinPropagateNaN() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 3, 4, 5, 6}, 2, 3);
        assertTrue(Double.isNaN(x.max().item()));
        assertTrue(Double.isNaN(x.min(1).get(0)));
        assertEquals(6, x.max(1).get(1));
    }

    @Test
    void reductionDimsAreChecked() {
        var twice = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(1, -1));
        assertTrue(twice.getMessage().startsWith("sum: dim -1 appears twice"), twice.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).mean(2));
        assertEquals("mean: dim 2 is out of range for a tensor of rank 2", range.getMessage());
    }

    // ---------------------------------------------------------------- argmax, argmin

    @Property(tries = 300)
    void argmaxAndArgminPickTheFirstExtremeAlongADim(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                    @ForAll DType dtype, @ForAll boolean keepDim,
                                                    @ForAll long seed) {
        if (shape.length == 0) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed);
        // Values 0, 1, 2 only, so ties are common; floored in place to keep the layout.
        Tensor rounded = Layouts.make(shape, layout, dtype, random, 0, 3);
        for (int[] i : Reference.indices(shape)) {
            rounded.set(Math.floor(rounded.get(i)), i);
        }
        int dim = random.nextInt(shape.length);
        if (shape[dim] == 0) {
            assertThrows(IllegalArgumentException.class, () -> rounded.argmax(dim, keepDim));
            return;
        }
        int[] kept = shape.clone();
        kept[dim] = 1;
        int[][] lanes = Reference.indices(kept);
        double[] argmax = new double[lanes.length];
        double[] argmin = new double[lanes.length];
        for (int l = 0; l < lanes.length; l++) {
            int[] index = lanes[l].clone();
            double best = Double.NEGATIVE_INFINITY;
            double worst = Double.POSITIVE_INFINITY;
            for (int i = 0; i < shape[dim]; i++) {
                index[dim] = i;
                double v = rounded.get(index);
                if (v > best) {
                    best = v;
                    argmax[l] = i;
                }
                if (v < worst) {
                    worst = v;
                    argmin[l] = i;
                }
            }
        }
        int[] outShape = Reference.reducedShape(shape, Reference.flagsOf(1 << dim, shape.length), keepDim);
        assertClose(argmax, outShape, rounded.argmax(dim, keepDim), 0, 0);
        assertClose(argmin, outShape, rounded.argmin(dim, keepDim), 0, 0);
    }

    @Test
    void argmaxReturnsTheFirstOfTiesAndTheFirstNaN() {
        Tensor x = Tensor.of(new double[] {1, 5, 5, 0, Double.NaN, 2, Double.NaN, 9}, 2, 4);
        assertArrayEquals(new double[] {1, 0}, x.argmax(1, false).toDoubleArray());
        assertArrayEquals(new double[] {3, 0}, x.argmin(1, false).toDoubleArray());
        assertArrayEquals(new int[] {2, 1}, x.argmax(-1, true).shape());
        assertEquals(DType.FLOAT64, Tensor.zeros(3).argmax(0, false).dtype());
    }

    // ---------------------------------------------------------------- logSumExp, softmax

    @Property(tries = 300)
    void logSumExpAndSoftmaxMatchTheirDefinitionsAlongADim(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                          @ForAll DType dtype, @ForAll boolean keepDim,
                                                          @ForAll long seed) {
        if (shape.length == 0) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Layouts.make(shape, layout, dtype, random, -5, 5);
        int dim = random.nextInt(shape.length);
        boolean[] reduced = Reference.flagsOf(1 << dim, shape.length);
        double[] sumExp = Reference.reduce(x, reduced, 0, (acc, v) -> acc + Math.exp(v));
        double[] lse = new double[sumExp.length];
        for (int i = 0; i < lse.length; i++) {
            lse[i] = Math.log(sumExp[i]);
        }
        double rtol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        assertClose(lse, Reference.reducedShape(shape, reduced, keepDim), x.logSumExp(dim, keepDim), rtol, rtol);

        int[] kept = Reference.reducedShape(shape, reduced, true);
        int[][] all = Reference.indices(shape);
        double[] softmax = new double[all.length];
        double[] logSoftmax = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            int lane = 0;
            for (int d = 0; d < shape.length; d++) {
                lane = lane * kept[d] + (d == dim ? 0 : all[n][d]);
            }
            double v = x.get(all[n]);
            softmax[n] = Math.exp(v) / sumExp[lane];
            logSoftmax[n] = v - lse[lane];
        }
        assertClose(softmax, shape, x.softmax(dim), rtol, 1e-7);
        assertClose(logSoftmax, shape, x.logSoftmax(dim), rtol, rtol);
    }

    @Test
    void softmaxRowsSumToOne() {
        Tensor x = Tensor.randn(new Rng(7), DType.FLOAT32, 5, 9).mul(10);
        assertClose(new double[] {1, 1, 1, 1, 1}, new int[] {5}, x.softmax(1).sum(1), 1e-6, 0);
        assertClose(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, new int[] {9}, x.softmax(0).sum(0), 1e-6, 0);
    }

    @Test
    void softmaxIsStableForHugeValues() {
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(new double[] {1000, 1000, -1000, -1000, 1000, -1000}, 3, 2).to(dtype);
            assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 1, 0}, x.softmax(1).toDoubleArray(), 0);
            assertArrayEquals(new double[] {-Math.log(2), -Math.log(2), -Math.log(2), -Math.log(2), 0, -2000},
                    x.logSoftmax(1).toDoubleArray(), 1e-6);
            assertArrayEquals(new double[] {1000 + Math.log(2), -1000 + Math.log(2), 1000},
                    x.logSumExp(1, false).toDoubleArray(), 1e-4);
        }
    }

    @Test
    void logSumExpOfMinusInfinityLanesIsMinusInfinity() {
        Tensor x = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 1, 2);
        assertEquals(Double.NEGATIVE_INFINITY, x.logSumExp(1, false).item());
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.zeros(DType.FLOAT64, 0).logSumExp(0, false).item());
    }
}
