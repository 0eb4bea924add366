package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Factories, seeded random tensors, dtype conversion and copying out to Java arrays. */
class CreationTest {

    @Test
    void zerosOnesAndFullHaveTheRequestedShapeAndDtype() {
        assertEquals(DType.FLOAT32, Tensor.zeros(2, 3).dtype());
        assertArrayEquals(new double[6], Tensor.zeros(2, 3).toDoubleArray());
        assertArrayEquals(new double[] {1, 1}, Tensor.ones(DType.FLOAT64, 2).toDoubleArray());
        assertEquals(DType.FLOAT64, Tensor.ones(DType.FLOAT64, 2).dtype());
        assertArrayEquals(new double[] {7, 7, 7}, Tensor.full(7, DType.FLOAT32, 3).toDoubleArray());
        assertArrayEquals(new int[] {}, Tensor.zeros().shape());
        assertEquals(1, Tensor.zeros().numel());
        Tensor like = Tensor.zeros(DType.FLOAT64, 4, 1);
        assertArrayEquals(new int[] {4, 1}, Tensor.onesLike(like).shape());
        assertEquals(DType.FLOAT64, Tensor.zerosLike(like).dtype());
    }

    @Test
    void negativeSizesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertTrue(e.getMessage().contains("[2, -1]"), e.getMessage());
    }

    @Test
    void arangeExcludesTheEnd() {
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, Tensor.arange(5).toDoubleArray());
        assertArrayEquals(new double[] {1, 1.25, 1.5, 1.75}, Tensor.arange(1, 2, 0.25, DType.FLOAT64).toDoubleArray());
        assertArrayEquals(new double[] {3, 1}, Tensor.arange(3, 0, -2, DType.FLOAT64).toDoubleArray());
        assertEquals(0, Tensor.arange(3, 0, 1, DType.FLOAT64).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 1, 0, DType.FLOAT64));
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(0, 1, 5, DType.FLOAT64).toDoubleArray());
        assertArrayEquals(new double[] {2}, Tensor.linspace(2, 9, 1, DType.FLOAT64).toDoubleArray());
        assertEquals(0, Tensor.linspace(0, 1, 0, DType.FLOAT64).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(0, 1, -1, DType.FLOAT64));
    }

    @Test
    void eyeIsTheIdentity() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3, DType.FLOAT32).toDoubleArray());
    }

    @Test
    void ofCopiesTheArrayIntoTheGivenShape() {
        double[] values = {1, 2, 3, 4, 5, 6};
        Tensor x = Tensor.of(values, 3, 2);
        values[0] = 100;
        assertEquals(1, x.get(0, 0));
        assertEquals(6, x.get(2, 1));
        assertEquals(DType.FLOAT32, Tensor.of(new float[] {1, 2}, 2).dtype());
        assertArrayEquals(new int[] {3}, Tensor.of(1.0, 2.0, 3.0).shape());
    }

    @Test
    void ofNestedRowsBuildsAMatrix() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[] {2, 3}, x.shape());
        assertEquals(6, x.get(1, 2));
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, x.toDoubleMatrix());
        assertEquals(DType.FLOAT32, Tensor.of(new float[][] {{1}, {2}}).dtype());
    }

    @Test
    void ofRejectsWrongLengths() {
        var flat = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
        assertEquals("of: 3 values cannot fill shape [2, 2]", flat.getMessage());
        var ragged = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertEquals("of: row 1 has 1 values, row 0 has 2", ragged.getMessage());
    }

    // ---------------------------------------------------------------- random

    @Test
    void sameSeedGivesTheSameTensor() {
        for (DType dtype : DType.values()) {
            assertArrayEquals(Tensor.rand(new Rng(5), dtype, 4, 3).toDoubleArray(),
                    Tensor.rand(new Rng(5), dtype, 4, 3).toDoubleArray());
            assertArrayEquals(Tensor.randn(new Rng(5), dtype, 7).toDoubleArray(),
                    Tensor.randn(new Rng(5), dtype, 7).toDoubleArray());
            assertArrayEquals(Tensor.randint(new Rng(5), -3, 9, dtype, 10).toDoubleArray(),
                    Tensor.randint(new Rng(5), -3, 9, dtype, 10).toDoubleArray());
            assertArrayEquals(Tensor.randperm(new Rng(5), 12, dtype).toDoubleArray(),
                    Tensor.randperm(new Rng(5), 12, dtype).toDoubleArray());
        }
        assertNotEquals(Tensor.rand(new Rng(5), DType.FLOAT64, 1).item(), Tensor.rand(new Rng(6), DType.FLOAT64, 1).item());
    }

    @Test
    void randIsInTheUnitIntervalAndUniformInTheRange() {
        double[] u = Tensor.rand(new Rng(1), DType.FLOAT64, 10_000).toDoubleArray();
        assertTrue(Arrays.stream(u).allMatch(v -> v >= 0 && v < 1));
        // Five standard errors: 5 * sqrt(1/12) / sqrt(10^4) = 0.0144.
        assertEquals(0.5, Arrays.stream(u).average().orElseThrow(), 0.0145);
        double[] w = Tensor.uniform(new Rng(2), -3, -1, DType.FLOAT64, 1000).toDoubleArray();
        assertTrue(Arrays.stream(w).allMatch(v -> v >= -3 && v < -1));
    }

    @Test
    void randnHasMeanZeroAndVarianceOne() {
        Tensor x = Tensor.randn(new Rng(3), DType.FLOAT64, 100_000);
        // Five standard errors: 5/sqrt(n) = 0.016 for the mean and 5*sqrt(2/n) = 0.022 for the variance.
        assertEquals(0, x.mean().item(), 0.016);
        assertEquals(1, x.variance().item(), 0.022);
    }

    @Test
    void randintGivesEveryIntegerInRange() {
        int[] values = Tensor.randint(new Rng(4), -2, 3, DType.FLOAT32, 1000).toIntArray();
        int[] counts = new int[5];
        for (int v : values) {
            counts[v + 2]++;
        }
        for (int c : counts) {
            assertEquals(200, c, 60);
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.randint(new Rng(4), 3, 3, DType.FLOAT32, 1));
    }

    @Test
    void randpermIsAPermutation() {
        int[] p = Tensor.randperm(new Rng(8), 50, DType.FLOAT64).toIntArray();
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
        assertTrue(!Arrays.equals(identity, p));
    }

    @Test
    void forkedGeneratorsAreReproducibleAndIndependent() {
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        assertEquals(a.fork().nextLong(), b.fork().nextLong());
        assertNotEquals(a.nextLong(), a.fork().nextLong());
    }

    // ---------------------------------------------------------------- conversion and copying out

    @Test
    void toConvertsBetweenDtypes() {
        Tensor x = Tensor.of(0.1, 1e40, -2.0);
        Tensor f = x.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, -2f}, f.toFloatArray());
        assertEquals((double) 0.1f, f.to(DType.FLOAT64).get(0));
        assertSame(x, x.to(DType.FLOAT64));
    }

    @Test
    void toOfAViewConvertsOnlyTheViewedElements() {
        Tensor x = Tensor.arange(0, 6, 1, DType.FLOAT64).view(2, 3).t().slice(0, 0, 3, 2);
        assertArrayEquals(new double[] {0, 3, 2, 5}, x.to(DType.FLOAT32).toDoubleArray());
    }

    @Test
    void itemAndToIntArrayCheckTheirInput() {
        assertEquals(4, Tensor.full(4, DType.FLOAT64, 1, 1).item());
        var item = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).item());
        assertEquals("item: tensor of shape [2] has 2 elements, not 1", item.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1.5).toIntArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).toDoubleMatrix());
    }

    @Test
    void getAndSetCheckTheNumberOfIndices() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).get(1));
        assertEquals("get: 1 indices for a tensor of shape [2, 3]", e.getMessage());
    }

    @Test
    void randNeverReturnsItsUpperBoundAfterRoundingToFloat() {
        // With seed 0 one of these draws is above 1 - 2^-25, which rounds to 1.0f unless kept below it.
        Tensor u = Tensor.rand(new Rng(0), DType.FLOAT32, 1_869_154);
        assertEquals(Math.nextDown(1.0f), u.max().item());
    }

    @Test
    void uniformRejectsReversedOrNonFiniteBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.uniform(new Rng(1), 1, 0, DType.FLOAT64, 3));
        assertEquals("uniform: need finite bounds with low <= high, got 1.0 and 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.uniform(new Rng(1), 0, Double.NaN, DType.FLOAT64, 3));
        assertArrayEquals(new double[] {2, 2}, Tensor.uniform(new Rng(1), 2, 2, DType.FLOAT64, 2).toDoubleArray());
    }

    @Test
    void randomFactoriesRejectCountsAndRangesTheyCannotHold() {
        IllegalArgumentException perm = assertThrows(IllegalArgumentException.class,
                () -> Tensor.randperm(new Rng(1), -1, DType.FLOAT64));
        assertEquals("randperm: n must be >= 0, got -1", perm.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Tensor.randint(new Rng(1), Integer.MIN_VALUE, Integer.MAX_VALUE, DType.FLOAT64, 2));
        assertTrue(range.getMessage().startsWith("randint: the range"), range.getMessage());
        IllegalArgumentException arange = assertThrows(IllegalArgumentException.class,
                () -> Tensor.arange(0, 3e9, 1, DType.FLOAT32));
        assertTrue(arange.getMessage().startsWith("arange:") && arange.getMessage().contains("3000000000 values"),
                arange.getMessage());
    }
}
