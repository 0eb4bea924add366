package dev.tensorgrad.tensor;

import static dev.tensorgrad.tensor.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.Layouts.Layout;
import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Elementwise ops against the plain reference: every op, broadcast pairs, every layout, both dtypes.
 * FLOAT32 rows go through SIMD in float, so they are compared with a relative tolerance.
 */
class ElementwiseTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Layouts.shapes();
    }

    static double rtol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
    }

    static double transcendentalRtol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-4 : 1e-12;
    }

    static double atol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
    }

    /** The textbook definition of each binary op, written out independently of BinaryOp.apply. */
    static DoubleBinaryOperator definition(BinaryOp op) {
        return switch (op) {
            case ADD -> (x, y) -> x + y;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
            case POW -> Math::pow;
            case MAXIMUM -> (x, y) -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x > y ? x : y;
            case MINIMUM -> (x, y) -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x < y ? x : y;
            case EQ -> (x, y) -> x == y ? 1 : 0;
            case NE -> (x, y) -> x != y ? 1 : 0;
            case LT -> (x, y) -> x < y ? 1 : 0;
            case LE -> (x, y) -> x <= y ? 1 : 0;
            case GT -> (x, y) -> x > y ? 1 : 0;
            case GE -> (x, y) -> x >= y ? 1 : 0;
        };
    }

    /** The public method a user calls for each binary op. */
    static Tensor call(BinaryOp op, Tensor a, Tensor b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case POW -> a.pow(b);
            case MAXIMUM -> a.maximum(b);
            case MINIMUM -> a.minimum(b);
            case EQ -> a.eq(b);
            case NE -> a.ne(b);
            case LT -> a.lt(b);
            case LE -> a.le(b);
            case GT -> a.gt(b);
            case GE -> a.ge(b);
        };
    }

    static DoubleUnaryOperator definition(UnaryOp op) {
        return switch (op) {
            case NEG -> x -> -x;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SQRT -> Math::sqrt;
            case ABS -> x -> x < 0 ? -x : x;
            case TANH -> Math::tanh;
            case SIGMOID -> x -> 1 / (1 + Math.exp(-x));
            case RELU -> x -> x > 0 ? x : 0;
            case SIGN -> x -> x > 0 ? 1 : x < 0 ? -1 : 0;
        };
    }

    static Tensor call(UnaryOp op, Tensor x) {
        return switch (op) {
            case NEG -> x.neg();
            case EXP -> x.exp();
            case LOG -> x.log();
            case SQRT -> x.sqrt();
            case ABS -> x.abs();
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case RELU -> x.relu();
            case SIGN -> x.sign();
        };
    }

    // ---------------------------------------------------------------- ops against the reference

    @Property(tries = 400)
    void binaryOpsBroadcastOnAnyLayout(@ForAll("shapes") int[] shape, @ForAll Layout layoutA, @ForAll Layout layoutB,
                                       @ForAll BinaryOp op, @ForAll DType dtype, @ForAll boolean swap,
                                       @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] partner = Layouts.broadcastPartner(shape, random);
        // POW gets a positive base so that fractional exponents stay real.
        double low = op == BinaryOp.POW ? 0.1 : -2;
        Tensor a = Layouts.make(swap ? partner : shape, layoutA, dtype, random, low, 2);
        Tensor b = Layouts.make(swap ? shape : partner, layoutB, dtype, random, -2, 2);
        double[] expected = Reference.binary(definition(op), a, b);
        assertClose(expected, shape, call(op, a, b), rtol(dtype), atol(dtype));
    }

    @Property(tries = 300)
    void unaryOpsOnAnyLayout(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll UnaryOp op,
                             @ForAll DType dtype, @ForAll long seed) {
        boolean positiveDomain = op == UnaryOp.LOG || op == UnaryOp.SQRT;
        Tensor x = Layouts.make(shape, layout, dtype, new SplittableRandom(seed), positiveDomain ? 0.01 : -6, 6);
        assertClose(Reference.unary(definition(op), x), shape, call(op, x), transcendentalRtol(dtype), atol(dtype));
    }

    @Property(tries = 200)
    void scalarFormsEqualBroadcastOfAScalar(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll DType dtype,
                                            @ForAll long seed) {
        Tensor x = Layouts.make(shape, layout, dtype, new SplittableRandom(seed), 0.1, 3);
        double c = 1.5;
        double rtol = rtol(dtype);
        double atol = atol(dtype);
        assertClose(Reference.unary(v -> v + c, x), shape, x.add(c), rtol, atol);
        assertClose(Reference.unary(v -> v - c, x), shape, x.sub(c), rtol, atol);
        assertClose(Reference.unary(v -> v * c, x), shape, x.mul(c), rtol, atol);
        assertClose(Reference.unary(v -> v / c, x), shape, x.div(c), rtol, atol);
        assertClose(Reference.unary(v -> Math.pow(v, c), x), shape, x.pow(c), rtol, atol);
        assertClose(Reference.unary(v -> v > c ? 1 : 0, x), shape, x.gt(c), 0, 0);
        assertClose(Reference.unary(v -> v < c ? 1 : 0, x), shape, x.lt(c), 0, 0);
    }

    @Property(tries = 200)
    void whereBroadcastsAllThreeOperands(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll DType dtype,
                                         @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor condition = Layouts.make(Layouts.broadcastPartner(shape, random), layout, dtype, random, -1, 1).gt(0);
        Tensor a = Layouts.make(shape, layout, dtype, random, -2, 2);
        Tensor b = Layouts.make(Layouts.broadcastPartner(shape, random), Layout.CONTIGUOUS, dtype, random, -2, 2);
        int[] outShape = Reference.broadcastShape(Reference.broadcastShape(condition.shape(), shape), b.shape());
        int[][] all = Reference.indices(outShape);
        double[] expected = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            expected[n] = Reference.broadcastGet(condition, all[n]) != 0
                    ? Reference.broadcastGet(a, all[n]) : Reference.broadcastGet(b, all[n]);
        }
        assertClose(expected, outShape, Tensor.where(condition, a, b), 0, 0);
    }

    @Property(tries = 200)
    void clampLimitsToTheRange(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll DType dtype,
                               @ForAll long seed) {
        Tensor x = Layouts.make(shape, layout, dtype, new SplittableRandom(seed), -3, 3);
        assertClose(Reference.unary(v -> v < -1 ? -1 : v > 0.5 ? 0.5 : v, x), shape, x.clamp(-1, 0.5), 0, 0);
    }

    @Test
    void clampRejectsMinAboveMax() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).clamp(1, 0));
        assertTrue(e.getMessage().startsWith("clamp:"), e.getMessage());
    }

    @Test
    void comparisonsGiveMasksOfTheInputDtype() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new float[] {3, 2, 1}, 3);
        assertEquals(DType.FLOAT32, a.lt(b).dtype());
        assertArrayEquals(new double[] {1, 0, 0}, a.lt(b).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 0}, a.le(b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0}, a.eq(b).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 1}, a.ne(b).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 1}, a.gt(b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 1}, a.ge(b).toDoubleArray());
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        Tensor a = Tensor.of(1.0, Double.NaN, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        Tensor b = Tensor.of(Double.NaN, 2.0, 1.0, 5.0, 4.0, 7.0, 6.0, 9.0, 8.0);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 3, 5, 5, 7, 7, 9, 9}, a.maximum(b).toDoubleArray());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 1, 4, 4, 6, 6, 8, 8}, a.minimum(b).toDoubleArray());
    }

    @Test
    void sigmoidSaturatesWithoutOverflowInBothDtypes() {
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(new double[] {-1000, -100, 0, 100, 1000}, 5).to(dtype);
            double[] y = x.sigmoid().toDoubleArray();
            assertEquals(0, y[0], 1e-30);
            assertEquals(0, y[1], 1e-30);
            assertEquals(0.5, y[2], 0);
            assertEquals(1, y[3], 0);
            assertEquals(1, y[4], 0);
        }
    }

    // ---------------------------------------------------------------- in place

    @Property(tries = 200)
    void addInPlaceBroadcastsIntoAView(@ForAll("shapes") int[] shape, @ForAll Layout layout, @ForAll DType dtype,
                                       @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // EXPANDED targets would write one memory location many times; in-place ops need distinct positions.
        Layout target = layout == Layout.EXPANDED ? Layout.STEPPED : layout;
        Tensor x = Layouts.make(shape, target, dtype, random, -2, 2);
        Tensor other = Layouts.make(Layouts.broadcastPartner(shape, random), layout, dtype, random, -2, 2);
        double[] expected = Reference.binary((p, q) -> p + q, x, other);
        assertSame(x, x.addInPlace(other));
        assertClose(expected, shape, x, rtol(dtype), atol(dtype));
    }

    @Property(tries = 100)
    void otherInPlaceOpsMatchTheirOutOfPlaceForms(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                 @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Layouts.make(shape, Layout.STEPPED, dtype, random, -2, 2);
        Tensor other = Layouts.make(Layouts.broadcastPartner(shape, random), Layout.TRANSPOSED, dtype, random, -2, 2);
        assertClose(x.sub(other).toDoubleArray(), shape, x.copy().subInPlace(other), 0, 0);
        assertClose(x.mul(other).toDoubleArray(), shape, x.copy().mulInPlace(other), 0, 0);
        assertClose(x.mul(0.25).toDoubleArray(), shape, x.copy().mulInPlace(0.25), 0, 0);
        assertClose(Reference.binary((p, q) -> p + 3 * q, x, other), shape, x.copy().addScaledInPlace(3, other),
                rtol(dtype), atol(dtype));
    }

    @Test
    void writesThroughAViewAreVisibleInTheBase() {
        Tensor base = Tensor.zeros(DType.FLOAT64, 3, 4);
        Tensor everyOtherColumn = base.slice(1, 0, 4, 2);
        everyOtherColumn.addInPlace(Tensor.of(1.0, 2.0));
        assertArrayEquals(new double[] {1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 2, 0}, base.toDoubleArray());
    }

    @Test
    void addInPlaceRejectsAnOperandThatWouldGrowTheTarget() {
        Tensor x = Tensor.zeros(3);
        assertThrows(IllegalArgumentException.class, () -> x.addInPlace(Tensor.zeros(2, 3)));
    }

    @Test
    void inPlaceWritesBumpTheStorageVersion() {
        Tensor x = Tensor.zeros(2, 2);
        int before = x.storage().version();
        x.addInPlace(Tensor.ones(2));
        x.t().fill(3);
        x.set(1, 0, 0);
        assertEquals(before + 3, x.storage().version());
    }

    @Test
    void fillOnASliceChangesOnlyTheSlice() {
        Tensor base = Tensor.zeros(DType.FLOAT32, 2, 3);
        base.select(1, 2).fill(7);
        assertArrayEquals(new double[] {0, 0, 7, 0, 0, 7}, base.toDoubleArray());
    }

    @Test
    void copyFromBroadcastsAndConvertsTheDtype() {
        Tensor dest = Tensor.zeros(DType.FLOAT32, 2, 3).t();
        dest.copyFrom(Tensor.of(0.1, 0.2));
        float f1 = 0.1f;
        float f2 = 0.2f;
        assertArrayEquals(new float[] {f1, f2, f1, f2, f1, f2}, dest.toFloatArray());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void shapeMismatchNamesTheOpAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast together", e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2)));
        assertEquals("mul: shapes [2, 3] and [3, 2] cannot be broadcast together", m.getMessage());
    }

    @Test
    void dtypeMismatchNamesBothDtypes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(DType.FLOAT32, 2).sub(Tensor.zeros(DType.FLOAT64, 2)));
        assertTrue(e.getMessage().startsWith("sub:"), e.getMessage());
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void allCloseMatchesEqualInfinitiesAndNothingElseToAnInfinity() {
        double inf = Double.POSITIVE_INFINITY;
        assertTrue(Tensor.of(inf, -inf).allClose(Tensor.of(inf, -inf), 1e-5, 1e-8));
        assertFalse(Tensor.of(1.0).allClose(Tensor.of(inf), 1e-5, 1e-8));
        assertFalse(Tensor.of(inf).allClose(Tensor.of(1.0), 1e-5, 1e-8));
        assertFalse(Tensor.of(inf).allClose(Tensor.of(-inf), 1e-5, 1e-8));
        assertFalse(Tensor.of(Double.NaN).allClose(Tensor.of(Double.NaN), 1e-5, 1e-8));
    }

    @Test
    void copyFromAndFillRefuseToWriteIntoABroadcastView() {
        Tensor row = Tensor.zeros(1, 3);
        IllegalArgumentException copy = assertThrows(IllegalArgumentException.class,
                () -> row.expand(2, 3).copyFrom(Tensor.arange(6).reshape(2, 3)));
        assertTrue(copy.getMessage().startsWith("copyFrom: cannot write into a broadcast"), copy.getMessage());
        IllegalArgumentException fill = assertThrows(IllegalArgumentException.class, () -> row.expand(2, 3).fill(1));
        assertTrue(fill.getMessage().startsWith("fill: cannot write into a broadcast"), fill.getMessage());
        assertArrayEquals(new double[] {0, 0, 0}, row.toDoubleArray());
    }

    @Test
    void copyFromRefusesASourceThatPartlySharesTheDestinationsMemory() {
        Tensor x = Tensor.arange(9).reshape(3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.copyFrom(x.t()));
        assertTrue(e.getMessage().contains("partly share memory"), e.getMessage());
        assertSame(x, x.copyFrom(x));
        assertArrayEquals(Tensor.arange(9).toDoubleArray(), x.toDoubleArray());
    }

    @Test
    void inPlaceOpsNameThemselvesWhenTheOperandWouldGrowTheResult() {
        Tensor x = Tensor.zeros(3);
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> x.addInPlace(Tensor.ones(2, 3)));
        assertEquals("addInPlace: cannot broadcast [2, 3] to the shape [3] of the tensor written into", add.getMessage());
        IllegalArgumentException copy = assertThrows(IllegalArgumentException.class, () -> x.copyFrom(Tensor.ones(2)));
        assertEquals("copyFrom: cannot broadcast the source's shape [2] to the shape [3] of the tensor written into",
                copy.getMessage());
    }
}
