package dev.tensorgrad.tensor;

import static dev.tensorgrad.tensor.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.Layouts.Layout;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** cat, stack, indexSelect, indexAdd, gather and scatterAdd against index-by-index references. */
class IndexingTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Layouts.shapes().filter(s -> s.length > 0);
    }

    private static int[] with(int[] index, int dim, int value) {
        int[] out = index.clone();
        out[dim] = value;
        return out;
    }

    @Property(tries = 200)
    void catPlacesEachInputAfterThePreviousOnes(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                               @ForAll DType dtype, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dim = random.nextInt(shape.length);
        Tensor[] parts = new Tensor[1 + random.nextInt(3)];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Layouts.make(with(shape, dim, random.nextInt(4)), layout, dtype, random, -1, 1);
        }
        Tensor out = Tensor.cat(dim - shape.length, parts);
        int total = 0;
        for (Tensor p : parts) {
            total += p.size(dim);
        }
        int[] outShape = with(shape, dim, total);
        int[][] all = Reference.indices(outShape);
        double[] expected = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            int i = all[n][dim];
            int part = 0;
            while (i >= parts[part].size(dim)) {
                i -= parts[part++].size(dim);
            }
            expected[n] = parts[part].get(with(all[n], dim, i));
        }
        assertClose(expected, outShape, out, 0, 0);
    }

    @Property(tries = 200)
    void stackAddsANewDimIndexingTheInputs(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                           @ForAll DType dtype, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dim = random.nextInt(shape.length + 1);
        Tensor[] parts = new Tensor[1 + random.nextInt(3)];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Layouts.make(shape, layout, dtype, random, -1, 1);
        }
        Tensor out = Tensor.stack(dim, parts);
        int[] outShape = Views.insert(shape, dim, parts.length);
        int[][] all = Reference.indices(outShape);
        double[] expected = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            expected[n] = parts[all[n][dim]].get(Views.remove(all[n], dim));
        }
        assertClose(expected, outShape, out, 0, 0);
    }

    @Property(tries = 200)
    void indexSelectPicksSlicesAndIndexAddAccumulatesRepeats(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                            @ForAll DType dtype, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dim = random.nextInt(shape.length);
        if (shape[dim] == 0) {
            return;
        }
        Tensor x = Layouts.make(shape, layout, dtype, random, -1, 1);
        int[] indices = random.ints(random.nextInt(6), 0, shape[dim]).toArray();
        int[] outShape = with(shape, dim, indices.length);
        int[][] all = Reference.indices(outShape);
        double[] selected = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            selected[n] = x.get(with(all[n], dim, indices[all[n][dim]]));
        }
        assertClose(selected, outShape, x.indexSelect(dim, indices), 0, 0);

        Tensor source = Layouts.make(outShape, layout, dtype, random, -1, 1);
        double[] added = Reference.unary(v -> v, x);
        int[] strides = Shape.contiguousStrides(shape);
        for (int[] index : all) {
            int[] target = with(index, dim, indices[index[dim]]);
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat += target[d] * strides[d];
            }
            added[flat] += source.get(index);
        }
        double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
        assertClose(added, shape, x.indexAdd(dim, indices, source), tol, tol);
    }

    @Property(tries = 200)
    void gatherReadsAndScatterAddWritesAtTheIndexedPositions(@ForAll("shapes") int[] shape, @ForAll Layout layout,
                                                            @ForAll DType dtype, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dim = random.nextInt(shape.length);
        if (shape[dim] == 0) {
            return;
        }
        Tensor x = Layouts.make(shape, layout, dtype, random, -1, 1);
        int[] indexShape = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            indexShape[d] = d == dim ? random.nextInt(5) : random.nextInt(shape[d] + 1);
        }
        Tensor index = Tensor.randint(new Rng(seed), 0, shape[dim], DType.FLOAT64, indexShape);
        int[][] all = Reference.indices(indexShape);
        double[] gathered = new double[all.length];
        for (int n = 0; n < all.length; n++) {
            gathered[n] = x.get(with(all[n], dim, (int) index.get(all[n])));
        }
        assertClose(gathered, indexShape, x.gather(dim, index), 0, 0);

        Tensor source = Layouts.make(indexShape, layout, dtype, random, -1, 1);
        Tensor expected = x.copy();
        for (int[] i : all) {
            int[] target = with(i, dim, (int) index.get(i));
            expected.set(expected.get(target) + source.get(i), target);
        }
        double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
        assertClose(expected.toDoubleArray(), shape, x.scatterAdd(dim, index, source), tol, tol);
    }

    @Test
    void gatherPicksEachRowsTargetClass() {
        Tensor logits = Tensor.of(new double[][] {{0.1, 0.2, 0.7}, {0.5, 0.4, 0.1}});
        Tensor targets = Tensor.of(new double[] {2, 0}, 2, 1);
        assertArrayEquals(new double[] {0.7, 0.5}, logits.gather(1, targets).toDoubleArray());
    }

    @Test
    void outOfRangeIndicesNameTheDimTheIndexAndTheSize() {
        Tensor x = Tensor.zeros(3, 4);
        var select = assertThrows(IllegalArgumentException.class, () -> x.indexSelect(1, 0, 4));
        assertEquals("indexSelect: index 4 is out of range for dim 1 of size 4", select.getMessage());
        var add = assertThrows(IllegalArgumentException.class, () -> x.indexAdd(0, new int[] {-1}, Tensor.zeros(1, 4)));
        assertEquals("indexAdd: index -1 is out of range for dim 0 of size 3", add.getMessage());
        var gather = assertThrows(IllegalArgumentException.class,
                () -> x.gather(1, Tensor.of(new float[] {5}, 1, 1)));
        assertEquals("gather: index 5 is out of range for dim 1 of size 4", gather.getMessage());
        var scatter = assertThrows(IllegalArgumentException.class,
                () -> x.scatterAdd(0, Tensor.of(new float[] {3}, 1, 1), Tensor.ones(1, 1)));
        assertEquals("scatterAdd: index 3 is out of range for dim 0 of size 3", scatter.getMessage());
        var get = assertThrows(IllegalArgumentException.class, () -> x.get(1, 7));
        assertEquals("get: index 7 is out of range for dim 1 of size 4", get.getMessage());
    }

    @Test
    void catAndStackRejectMismatchedShapesAndDtypes() {
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertEquals("cat: shapes [2, 3] and [2, 4] differ outside dim 0", shapes.getMessage());
        var stack = assertThrows(IllegalArgumentException.class,
                () -> Tensor.stack(0, Tensor.zeros(2), Tensor.zeros(3)));
        assertEquals("stack: shapes [2] and [3] differ", stack.getMessage());
        var dtypes = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(0, Tensor.zeros(2), Tensor.zeros(DType.FLOAT64, 2)));
        assertTrue(dtypes.getMessage().contains("float32") && dtypes.getMessage().contains("float64"));
    }

    @Test
    void scatterAddRejectsASourceOfAnotherDtype() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2)
                .scatterAdd(1, Tensor.zeros(2, 1), Tensor.zeros(DType.FLOAT64, 2, 1)));
        assertTrue(e.getMessage().startsWith("scatterAdd:") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void stackAndIndexAddNameThemselvesWhenDtypesDiffer() {
        Tensor single = Tensor.ones(DType.FLOAT32, 3);
        Tensor dbl = Tensor.ones(DType.FLOAT64, 3);
        IllegalArgumentException stack = assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, single, dbl));
        assertTrue(stack.getMessage().startsWith("stack: dtypes differ (float32 [3] and float64 [3])"), stack.getMessage());
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
                () -> single.indexAdd(0, new int[] {0}, Tensor.ones(DType.FLOAT64, 1)));
        assertTrue(add.getMessage().startsWith("indexAdd: dtypes differ (float32 [3] and float64 [1])"), add.getMessage());
    }

    @Test
    void stackOutOfRangeNamesTheRangeAndTheTensorsRank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.stack(2, Tensor.ones(2), Tensor.ones(2)));
        assertEquals("stack: dim 2 is out of range [-2, 1] for tensors of rank 1", e.getMessage());
        assertArrayEquals(new int[] {2, 2}, Tensor.stack(-1, Tensor.ones(2), Tensor.ones(2)).shape());
    }
}
