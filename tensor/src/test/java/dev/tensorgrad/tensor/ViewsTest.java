package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.Layouts.Layout;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Views share storage and only change offset, shape and strides. reshape is a view when the
 * strides allow it and a copy otherwise; view() refuses to copy.
 */
class ViewsTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Layouts.shapes();
    }

    /** 0, 1, ..., n-1 in a FLOAT64 tensor of the given shape. */
    private static Tensor counting(int... shape) {
        return Tensor.arange(0, Shape.numel(shape), 1, DType.FLOAT64).view(shape);
    }

    // ---------------------------------------------------------------- reshape and view

    @Property(tries = 300)
    void reshapeKeepsRowMajorOrderOnAnyLayout(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                             @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Layouts.make(shape, layout, DType.FLOAT64, random, -1, 1);
        double[] rowMajor = Reference.unary(v -> v, x);
        int n = rowMajor.length;
        // Split the elements as (n / f) x f for a random divisor f of n.
        int f = n == 0 ? 0 : divisorOf(n, random);
        int[] target = n == 0 ? new int[] {0, 3} : new int[] {n / f, f};
        Tensor reshaped = x.reshape(target);
        assertArrayEquals(target, reshaped.shape());
        assertArrayEquals(rowMajor, reshaped.toDoubleArray());
        assertArrayEquals(rowMajor, x.flatten().toDoubleArray());
        assertArrayEquals(rowMajor, x.reshape(-1).toDoubleArray());
    }

    private static int divisorOf(int n, SplittableRandom random) {
        while (true) {
            int f = 1 + random.nextInt(n);
            if (n % f == 0) {
                return f;
            }
        }
    }

    @Property(tries = 300)
    void viewSucceedsExactlyWhenReshapeNeedsNoCopy(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                  @ForAll long seed) {
        Tensor x = Layouts.make(shape, layout, DType.FLOAT32, new SplittableRandom(seed), -1, 1);
        Tensor flat = x.reshape(-1);
        if (flat.sharesStorageWith(x)) {
            assertArrayEquals(flat.toDoubleArray(), x.view(-1).toDoubleArray());
        } else {
            assertThrows(IllegalArgumentException.class, () -> x.view(-1));
        }
    }

    @Test
    void reshapeOfAContiguousTensorIsAView() {
        Tensor x = counting(2, 3);
        Tensor y = x.reshape(3, 2);
        assertTrue(y.sharesStorageWith(x));
        y.set(100, 2, 1);
        assertEquals(100, x.get(1, 2));
    }

    @Test
    void reshapeOfATransposeCopies() {
        Tensor x = counting(2, 3);
        Tensor y = x.t().reshape(6);
        assertFalse(y.sharesStorageWith(x));
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, y.toDoubleArray());
    }

    @Test
    void viewSplitsADimOfASteppedSliceWithoutCopying() {
        Tensor rows = counting(4, 6).slice(0, 0, 4, 2);
        Tensor y = rows.view(2, 2, 3);
        assertTrue(y.sharesStorageWith(rows));
        assertArrayEquals(new int[] {12, 3, 1}, y.strides());
        assertArrayEquals(rows.toDoubleArray(), y.toDoubleArray());
    }

    @Test
    void viewOfATransposeThrowsNamingTheShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> counting(2, 3).t().view(6));
        assertEquals("view: shape [6] is not compatible with the strides [1, 3] of shape [3, 2]; "
                + "use reshape(...) or contiguous() first", e.getMessage());
    }

    @Test
    void minusOneIsInferred() {
        assertArrayEquals(new int[] {2, 3, 4}, counting(24).reshape(2, -1, 4).shape());
        assertArrayEquals(new int[] {0, 5}, Tensor.zeros(0, 5).reshape(-1, 5).shape());
    }

    @Test
    void reshapeRejectsAWrongElementCountOrTwoMinusOnes() {
        var count = assertThrows(IllegalArgumentException.class, () -> counting(2, 3).reshape(4, 2));
        assertEquals("reshape: shape [2, 3] (6 elements) cannot become [4, 2]", count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> counting(6).reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> counting(6).reshape(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> counting(6).reshape(-2, 3));
    }

    // ---------------------------------------------------------------- movement views

    @Test
    void transposeSwapsIndicesAndShares() {
        Tensor x = counting(2, 3, 4);
        Tensor y = x.transpose(0, -1);
        assertArrayEquals(new int[] {4, 3, 2}, y.shape());
        assertEquals(x.get(1, 2, 3), y.get(3, 2, 1));
        y.set(-1, 0, 1, 1);
        assertEquals(-1, x.get(1, 1, 0));
    }

    @Test
    void permuteReordersDims() {
        Tensor x = counting(2, 3, 4);
        Tensor y = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, y.shape());
        for (int[] i : Reference.indices(y.shape())) {
            assertEquals(x.get(i[1], i[2], i[0]), y.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> x.permute(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> x.permute(0, 1));
    }

    @Test
    void sliceWithStepPicksEveryStepThElement() {
        Tensor x = counting(10);
        assertArrayEquals(new double[] {1, 4, 7}, x.slice(0, 1, 10, 3).toDoubleArray());
        assertArrayEquals(new double[] {7, 9}, x.slice(0, -3, 10, 2).toDoubleArray());
        assertArrayEquals(new double[] {0, 2, 4, 6}, x.slice(0, 0, -2, 2).toDoubleArray());
        assertArrayEquals(new double[] {8, 9}, x.slice(0, 8, 100, 1).toDoubleArray());
        assertEquals(0, x.slice(0, 5, 3, 1).numel());
        assertThrows(IllegalArgumentException.class, () -> x.slice(0, 0, 5, 0));
    }

    @Test
    void sliceOfAMatrixColumnStepIsAStridedView() {
        Tensor x = counting(3, 4);
        Tensor y = x.slice(1, 1, 4, 2);
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertArrayEquals(new int[] {4, 2}, y.strides());
        assertEquals(1, y.offset());
        assertArrayEquals(new double[] {1, 3, 5, 7, 9, 11}, y.toDoubleArray());
    }

    @Test
    void narrowTakesARangeAndChecksIt() {
        Tensor x = counting(3, 4);
        assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, 10, 11}, x.narrow(0, 1, 2).toDoubleArray());
        var e = assertThrows(IllegalArgumentException.class, () -> x.narrow(1, 2, 3));
        assertEquals("narrow: range [2, 5) is out of range for dim 1 of size 4", e.getMessage());
        assertArrayEquals(new double[] {3, 7, 11}, x.narrow(1, -1, 1).toDoubleArray());
    }

    @Test
    void selectRemovesTheDimAndAcceptsNegativeIndices() {
        Tensor x = counting(3, 4);
        assertArrayEquals(new double[] {8, 9, 10, 11}, x.select(0, -1).toDoubleArray());
        assertArrayEquals(new double[] {2, 6, 10}, x.select(1, 2).toDoubleArray());
        x.select(1, 2).fill(0);
        assertEquals(0, x.get(2, 2));
    }

    @Test
    void selectOutOfRangeNamesDimIndexAndSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> counting(3, 4).select(1, 4));
        assertEquals("select: index 4 is out of range for dim 1 of size 4", e.getMessage());
    }

    @Test
    void squeezeAndUnsqueezeAddAndRemoveSizeOneDims() {
        Tensor x = counting(1, 3, 1);
        assertArrayEquals(new int[] {3}, x.squeeze().shape());
        assertArrayEquals(new int[] {3, 1}, x.squeeze(0).shape());
        assertArrayEquals(new int[] {1, 3, 1}, x.squeeze(1).shape());
        assertArrayEquals(new int[] {3, 1}, counting(3).unsqueeze(1).shape());
        assertArrayEquals(new int[] {1, 3}, counting(3).unsqueeze(0).shape());
        assertArrayEquals(new int[] {3, 1}, counting(3).unsqueeze(-1).shape());
        assertTrue(x.squeeze().sharesStorageWith(x));
    }

    @Test
    void expandUsesStrideZeroAndCopiesNothing() {
        Tensor column = counting(3, 1);
        Tensor y = column.expand(2, 3, 4);
        assertArrayEquals(new int[] {0, 1, 0}, y.strides());
        assertTrue(y.sharesStorageWith(column));
        assertEquals(2, y.get(1, 2, 3));
        assertArrayEquals(new int[] {2, 3, 4}, column.broadcastTo(2, 3, 4).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> counting(3).expand(4));
        assertEquals("expand: cannot expand shape [3] to [4]", e.getMessage());
    }

    @Test
    void expandKeepsExistingDimsMarkedMinusOne() {
        Tensor row = counting(1, 3);
        Tensor y = row.expand(2, 4, -1);
        assertArrayEquals(new int[] {2, 4, 3}, y.shape());
        assertArrayEquals(new int[] {0, 0, 1}, y.strides());
        assertEquals(2, y.get(1, 3, 2));
    }

    @Test
    void expandRefusesNegativeSizesAndMinusOneOnNewDims() {
        var negative = assertThrows(IllegalArgumentException.class, () -> counting(1, 3).expand(-3, 3));
        assertTrue(negative.getMessage().startsWith("expand: size -3 at dim 0 of [-3, 3]"), negative.getMessage());
        var newDim = assertThrows(IllegalArgumentException.class, () -> counting(3).expand(-1, 3));
        assertTrue(newDim.getMessage().contains("new leading dims need a size"), newDim.getMessage());
    }

    // ---------------------------------------------------------------- contiguity

    @Property(tries = 200)
    void contiguousGivesRowMajorMemoryWithTheSameValues(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                       @ForAll long seed) {
        Tensor x = Layouts.make(shape, layout, DType.FLOAT64, new SplittableRandom(seed), -1, 1);
        Tensor c = x.contiguous();
        assertTrue(c.isContiguous());
        assertArrayEquals(Reference.unary(v -> v, x), c.toDoubleArray());
        if (x.isContiguous()) {
            assertSame(x, c);
        }
    }

    @Test
    void isContiguousTellsRowMajorFromOtherLayouts() {
        Tensor x = counting(2, 3);
        assertTrue(x.isContiguous());
        assertFalse(x.t().isContiguous());
        assertFalse(x.slice(1, 0, 3, 2).isContiguous());
        assertFalse(counting(3).expand(2, 3).isContiguous());
        assertTrue(x.select(0, 1).isContiguous());
        assertTrue(x.narrow(0, 1, 1).isContiguous());
    }

    @Test
    void emptyTensorsAreContiguous() {
        assertTrue(Tensor.zeros(2, 0).isContiguous());
        assertTrue(Tensor.zeros(0, 3).t().isContiguous());
        Tensor empty = Tensor.zeros(2, 0);
        assertSame(empty, empty.contiguous());
    }

    @Test
    void copyIsContiguousAndIndependent() {
        Tensor x = counting(2, 3).t();
        Tensor c = x.copy();
        c.set(-5, 0, 0);
        assertEquals(0, x.get(0, 0));
        assertTrue(c.isContiguous());
    }

    @Test
    void sliceWithAStepLongerThanTheDimKeepsOnlyItsFirstElement() {
        assertArrayEquals(new double[] {0}, Tensor.arange(10).slice(0, 0, 10, Integer.MAX_VALUE).toDoubleArray());
        assertArrayEquals(new double[] {2}, Tensor.arange(10).slice(0, 2, 10, Integer.MAX_VALUE - 3).toDoubleArray());
        assertArrayEquals(new int[] {0}, Tensor.arange(10).slice(0, 4, 4, Integer.MAX_VALUE).shape());
    }

    @Test
    void unsqueezeOutOfRangeNamesTheRangeAndTheTensorsOwnRank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).unsqueeze(5));
        assertEquals("unsqueeze: dim 5 is out of range [-2, 1] for a tensor of rank 1", e.getMessage());
        assertArrayEquals(new int[] {2, 1}, Tensor.ones(2).unsqueeze(-1).shape());
        assertArrayEquals(new int[] {1, 2}, Tensor.ones(2).unsqueeze(-2).shape());
    }

    @Test
    void getAndSetCountNegativeIndicesFromTheEnd() {
        Tensor x = counting(3, 4);
        assertEquals(11, x.get(-1, -1));
        assertEquals(4, x.get(-2, 0));
        x.set(-5, -1, 0);
        assertEquals(-5, x.get(2, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> x.get(-4, 0));
        assertEquals("get: index -4 is out of range for dim 0 of size 3", e.getMessage());
    }
}
