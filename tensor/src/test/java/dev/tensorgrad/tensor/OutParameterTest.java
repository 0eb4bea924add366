package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.kernel.BinaryOp;
import dev.tensorgrad.tensor.kernel.UnaryOp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ops written into an existing tensor (PyTorch's out=) give the values of the allocating ops, and refuse bad outputs. */
class OutParameterTest {
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void everyBinaryOpIntoOutMatchesTheAllocatingOp() {
        for (DType dtype : DType.values()) {
            Tensor a = Layouts.filled(new int[] {3, 5}, dtype, random, 0.5, 2);
            Tensor b = Layouts.filled(new int[] {5}, dtype, random, 0.5, 2);
            for (BinaryOp op : BinaryOp.values()) {
                Tensor out = Tensor.zeros(dtype, 3, 5);
                assertSame(out, a.zip(op, b, out));
                assertArrayEquals(a.zip(op, b).toDoubleArray(), out.toDoubleArray(), op + " " + dtype);
            }
        }
    }

    @Test
    void everyUnaryOpIntoOutMatchesTheAllocatingOp() {
        for (DType dtype : DType.values()) {
            Tensor x = Layouts.filled(new int[] {4, 33}, dtype, random, 0.1, 3);
            for (UnaryOp op : UnaryOp.values()) {
                Tensor out = Tensor.zeros(dtype, 4, 33);
                assertSame(out, x.map(op, out));
                assertArrayEquals(x.map(op).toDoubleArray(), out.toDoubleArray(), op + " " + dtype);
            }
        }
    }

    @Test
    void outMayBeATransposedViewOrAnInputItself() {
        Tensor a = Layouts.filled(new int[] {4, 6}, DType.FLOAT64, random, -1, 1);
        Tensor b = Layouts.filled(new int[] {4, 6}, DType.FLOAT64, random, -1, 1);
        Tensor expected = a.add(b);
        Tensor transposedOut = Tensor.zeros(DType.FLOAT64, 6, 4).t();
        assertArrayEquals(expected.toDoubleArray(), a.add(b, transposedOut).toDoubleArray());
        Tensor x = a.copy();
        x.add(b, x);
        assertArrayEquals(expected.toDoubleArray(), x.toDoubleArray());
        Tensor y = a.copy();
        y.tanh(y);
        assertArrayEquals(a.tanh().toDoubleArray(), y.toDoubleArray());
    }

    @Test
    void addScaledInPlaceGivesTheBitsOfAddingTheProduct() {
        for (DType dtype : DType.values()) {
            Tensor y = Layouts.filled(new int[] {6, 37}, dtype, random, -1, 1);
            Tensor[] others = {
                Layouts.filled(new int[] {6, 37}, dtype, random, -1, 1),           // same layout: the axpy kernel
                Layouts.filled(new int[] {37, 6}, dtype, random, -1, 1).t(),       // other layout: via a temporary
                Layouts.filled(new int[] {37}, dtype, random, -1, 1),              // broadcast row
                Tensor.scalar(0.3, dtype),                                         // one value
            };
            for (Tensor other : others) {
                Tensor expected = y.copy().addInPlace(other.mul(-0.7));
                Tensor actual = y.copy().addScaledInPlace(-0.7, other);
                assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), dtype + " " + Shape.format(other.shape()));
            }
        }
    }

    @Test
    void addScaledInPlaceOfATensorWithItselfScalesIt() {
        Tensor x = Layouts.filled(new int[] {5, 7}, DType.FLOAT64, random, -1, 1);
        Tensor expected = x.add(x.mul(0.5));
        assertArrayEquals(expected.toDoubleArray(), x.addScaledInPlace(0.5, x).toDoubleArray());
    }

    @Test
    void addScaledInPlaceOfAnUnbroadcastableTensorNamesItselfAndBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).addScaledInPlace(1.0, Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("addScaledInPlace: cannot broadcast [4]")
                && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void outOfTheWrongShapeIsRefusedNamingBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(a, Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[3, 2]") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
    }

    @Test
    void outOfAnotherDTypeIsRefused() {
        Tensor a = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.mul(a, Tensor.zeros(DType.FLOAT64, 2, 3)));
        assertTrue(e.getMessage().contains("dtypes differ"), e.getMessage());
    }

    @Test
    void outThatPartlyOverlapsAnInputIsRefused() {
        Tensor base = Tensor.arange(10);
        Tensor head = base.narrow(0, 0, 8);
        Tensor shifted = base.narrow(0, 2, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> head.add(head, shifted));
        assertTrue(e.getMessage().contains("partly share memory"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> head.tanh(shifted));
        assertThrows(IllegalArgumentException.class, () -> shifted.addInPlace(head));
    }

    @Test
    void interleavedViewsOfOneTensorThatShareNoElementMayBeCombined() {
        // Columns 0 and 1 of a [4, 2] matrix: their address ranges intersect, their elements do not.
        Tensor pairs = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, 2);
        Tensor even = pairs.select(1, 0);
        Tensor odd = pairs.select(1, 1);
        even.addInPlace(odd);
        assertArrayEquals(new double[] {1, 5, 9, 13}, even.toDoubleArray());
        odd.mul(odd, even);
        assertArrayEquals(new double[] {1, 9, 25, 49}, even.toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 9, 3, 25, 5, 49, 7}, pairs.toDoubleArray());
    }

    @Test
    void broadcastOutIsRefused() {
        Tensor expanded = Tensor.zeros(1, 3).expand(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(4, 3).add(Tensor.ones(4, 3), expanded));
        assertTrue(e.getMessage().contains("broadcast"), e.getMessage());
    }
}
