package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.autograd.Inputs.Domain;
import dev.tensorgrad.autograd.Inputs.Layout;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * matmul's backward (dA = dC B^T, dB = A^T dC) agrees with finite differences for every
 * combination of ranks PyTorch's matmul accepts, including broadcast batch dims, whose gradient
 * must be summed back, and non-contiguous operands.
 */
class MatmulGradTest {
    private static void check(int[] shapeA, int[] shapeB) {
        Rng rng = new Rng(31);
        GradCheck.assertGradients(v -> v[0].matmul(v[1]), Inputs.randn(rng, shapeA), Inputs.randn(rng, shapeB));
    }

    @Test
    void dotProductOfTwoVectors() {
        check(new int[] {4}, new int[] {4});
    }

    @Test
    void vectorTimesMatrix() {
        check(new int[] {4}, new int[] {4, 3});
    }

    @Test
    void matrixTimesVector() {
        check(new int[] {3, 4}, new int[] {4});
    }

    @Test
    void matrixTimesMatrix() {
        check(new int[] {3, 4}, new int[] {4, 5});
    }

    @Test
    void batchTimesBatch() {
        check(new int[] {2, 3, 4}, new int[] {2, 4, 5});
    }

    @Test
    void batchTimesSharedMatrixSumsTheMatrixGradientOverTheBatch() {
        check(new int[] {2, 3, 4}, new int[] {4, 5});
    }

    @Test
    void sharedMatrixTimesBatch() {
        check(new int[] {3, 4}, new int[] {2, 4, 5});
    }

    @Test
    void broadcastBatchDimsOnBothSides() {
        check(new int[] {2, 1, 3, 4}, new int[] {3, 4, 2});
    }

    @Test
    void batchTimesVector() {
        check(new int[] {2, 3, 4}, new int[] {4});
    }

    @Test
    void transposedAndStridedOperands() {
        Rng rng = new Rng(32);
        Tensor a = Inputs.randn(rng, 4, 3);
        Tensor b = Inputs.randn(rng, 4, 11);
        GradCheck.assertGradients(v -> v[0].t().matmul(v[1].slice(1, 0, 11, 2)), a, b);
    }

    @Test
    void permutedBatchOperand() {
        Rng rng = new Rng(33);
        Tensor a = Inputs.randn(rng, 3, 2, 4);
        Tensor b = Inputs.randn(rng, 2, 5, 4);
        GradCheck.assertGradients(v -> v[0].permute(1, 0, 2).matmul(v[1].transpose(1, 2)), a, b);
    }

    @Test
    void matrixGradientsEqualTheTextbookFormulas() {
        // L = sum(A B): dL/dA[i][k] = sum_j B[k][j], dL/dB[k][j] = sum_i A[i][k]
        double[][] a = {{1, 2}, {3, 4}, {5, 6}};
        double[][] b = {{1, -1, 2}, {0, 3, 1}};
        Variable va = Variable.param(Tensor.of(a));
        Variable vb = Variable.param(Tensor.of(b));
        va.matmul(vb).sum().backward();
        double[] expectedA = new double[6];
        double[] expectedB = new double[6];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 3; j++) {
                    expectedA[i * 2 + k] += b[k][j];
                    expectedB[k * 3 + j] += a[i][k];
                }
            }
        }
        assertArrayEquals(expectedA, va.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(expectedB, vb.grad().toDoubleArray(), 1e-12);
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("layoutPairs")
    void operandsOfEveryLayout(Layout left, Layout right) {
        Rng rng = new Rng(34);
        Tensor a = left.raw(rng, Domain.ANY, 3, 4);
        Tensor b = right.raw(rng, Domain.ANY, 4, 2);
        GradCheck.assertGradients(v -> left.view(v[0], 3, 4).matmul(right.view(v[1], 4, 2)), a, b);
    }

    static Stream<Arguments> layoutPairs() {
        return Stream.of(Layout.values()).flatMap(left -> Stream.of(Layout.values()).map(right -> Arguments.of(left, right)));
    }
}
