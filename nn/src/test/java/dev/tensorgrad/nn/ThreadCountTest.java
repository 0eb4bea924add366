package dev.tensorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.optim.SGD;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same numbers whatever the thread count: training steps of an RNN with
 * a linear head end with bit-identical parameters for tensorgrad.threads = 1, 2 and 3. The shapes
 * are large enough that the products and elementwise ops really split across threads.
 */
class ThreadCountTest {
    private static final int BATCH = 64;
    private static final int STEPS = 12;
    private static final int INPUT = 32;
    private static final int HIDDEN = 256;

    /** Every parameter's values after three SGD steps, with tensorgrad.threads set to {@code threads}. */
    private static List<double[]> trainedParameters(int threads, boolean fused) {
        String previous = System.getProperty("tensorgrad.threads");
        System.setProperty("tensorgrad.threads", Integer.toString(threads));
        try {
            Rng rng = new Rng(7);
            RNN rnn = new RNN(INPUT, HIDDEN, Nonlinearity.TANH, 2, true, DType.FLOAT32, rng);
            Linear head = new Linear(HIDDEN, 1, true, DType.FLOAT32, rng);
            List<Variable> params = new ArrayList<>(rnn.parameters());
            params.addAll(head.parameters());
            SGD opt = new SGD(params, 0.05, 0.9, 0, 1e-4, false);
            MSELoss mse = new MSELoss();
            for (int step = 0; step < 3; step++) {
                Variable x = Variable.constant(Tensor.randn(rng, DType.FLOAT32, BATCH, STEPS, INPUT));
                Variable y = Variable.constant(Tensor.randn(rng, DType.FLOAT32, BATCH, STEPS, 1));
                RNN.Result out = fused ? rnn.forward(x) : rnn.forwardComposed(x, null);
                opt.zeroGrad();
                mse.forward(head.forward(out.output()), y).backward();
                opt.step();
            }
            return params.stream().map(p -> p.data().toDoubleArray()).toList();
        } finally {
            if (previous == null) {
                System.clearProperty("tensorgrad.threads");
            } else {
                System.setProperty("tensorgrad.threads", previous);
            }
        }
    }

    private static void assertSameBitsForAnyThreadCount(boolean fused) {
        List<double[]> oneThread = trainedParameters(1, fused);
        for (int threads = 2; threads <= 3; threads++) {
            List<double[]> more = trainedParameters(threads, fused);
            for (int i = 0; i < oneThread.size(); i++) {
                assertArrayEquals(oneThread.get(i), more.get(i), "parameter " + i + " with " + threads + " threads");
            }
        }
    }

    @Test
    void fusedRnnTrainingGivesTheSameBitsForAnyThreadCount() {
        assertSameBitsForAnyThreadCount(true);
    }

    @Test
    void composedRnnTrainingGivesTheSameBitsForAnyThreadCount() {
        assertSameBitsForAnyThreadCount(false);
    }
}
