package dev.tensorgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** toString prints like PyTorch: aligned columns, shape and dtype, "..." once a tensor is large. */
class TensorFormatTest {

    @Test
    void smallMatrixPrintsAlignedRows() {
        Tensor x = Tensor.of(new double[][] {{1, -2.5, 3}, {4, 5, 6}});
        assertEquals("tensor([[ 1.0000, -2.5000,  3.0000],\n"
                + "        [ 4.0000,  5.0000,  6.0000]], shape=[2, 3], dtype=float64)", x.toString());
    }

    @Test
    void transposedViewPrintsItsOwnIndexOrder() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).t();
        assertEquals("tensor([[1.0000, 3.0000],\n"
                + "        [2.0000, 4.0000]], shape=[2, 2], dtype=float32)", x.toString());
    }

    @Test
    void scalarPrintsOneValue() {
        assertEquals("tensor(3.5000, shape=[], dtype=float32)", Tensor.scalar(3.5, DType.FLOAT32).toString());
    }

    @Test
    void emptyTensorPrintsEmptyBrackets() {
        assertEquals("tensor([], shape=[0], dtype=float32)", Tensor.zeros(0).toString());
    }

    @Test
    void largeVectorIsElided() {
        assertEquals("tensor([   0.0000,    1.0000,    2.0000, ..., 1997.0000, 1998.0000, 1999.0000], "
                + "shape=[2000], dtype=float32)", Tensor.arange(2000).toString());
    }

    @Test
    void largeMatrixElidesRowsAndColumns() {
        String expected = "tensor([[   0.0000,    1.0000,    2.0000, ...,   47.0000,   48.0000,   49.0000],\n"
                + "        [  50.0000,   51.0000,   52.0000, ...,   97.0000,   98.0000,   99.0000],\n"
                + "        [ 100.0000,  101.0000,  102.0000, ...,  147.0000,  148.0000,  149.0000],\n"
                + "        ...,\n"
                + "        [1850.0000, 1851.0000, 1852.0000, ..., 1897.0000, 1898.0000, 1899.0000],\n"
                + "        [1900.0000, 1901.0000, 1902.0000, ..., 1947.0000, 1948.0000, 1949.0000],\n"
                + "        [1950.0000, 1951.0000, 1952.0000, ..., 1997.0000, 1998.0000, 1999.0000]], "
                + "shape=[40, 50], dtype=float32)";
        assertEquals(expected, Tensor.arange(2000).view(40, 50).toString());
    }

    @Test
    void elidedBlocksOfA3dTensorAreSeparatedByABlankLine() {
        String s = Tensor.arange(2000).view(10, 10, 20).toString();
        assertEquals(true, s.contains("]],\n\n        ...,\n\n        [["), s);
    }

    @Test
    void tinyAndHugeValuesSwitchToScientificNotation() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00], shape=[2], dtype=float64)", Tensor.of(1e-5, 1.0).toString());
        assertEquals("tensor([ nan,  inf, -inf], shape=[3], dtype=float64)",
                Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).toString());
    }

    @Test
    void emptyMatrixPrintsOneEmptyBracketWhateverItsShape() {
        assertEquals("tensor([], shape=[2000, 0], dtype=float32)", Tensor.zeros(2000, 0).toString());
        assertEquals("tensor([], shape=[0, 3], dtype=float32)", Tensor.zeros(0, 3).toString());
    }
}
