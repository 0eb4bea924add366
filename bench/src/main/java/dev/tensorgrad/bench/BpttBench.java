package dev.tensorgrad.bench;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.nn.Linear;
import dev.tensorgrad.nn.MSELoss;
import dev.tensorgrad.nn.Nonlinearity;
import dev.tensorgrad.nn.RNN;
import dev.tensorgrad.nn.optim.SGD;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One full training step of a tanh RNN regressor, the job of the homework's sequence problems:
 * forward over all T steps, a Linear head H -> 1 on every hidden state, mean squared error against
 * a [B, T, 1] target, backpropagation through time, and an SGD update with momentum 0.9 and
 * weight decay 1e-4. FLOAT32, on every core ({@code tensorgrad.threads}, default all): the fused
 * node, the matrix products and the large elementwise ops split their work across threads.
 *
 * <p>{@code config} is {@code "B-T-I-H-layers"}: {@code ../shared/peers/rnn_torch.py} prints
 * {@code "B,T,I,H,layers"}, but JMH's {@code -p} splits values at commas, so dashes stand in for
 * them ({@code bench/run BpttBench -p config=32-100-1-64-2}); {@code bench/compare.py} turns them
 * back into commas to match the rows: {@link #fused}
 * (the single-node RNN, {@link RNN#forward}) against PyTorch's {@code nn.RNN}, and
 * {@link #composed} (the loop of autograd ops, {@link RNN#forwardComposed}) against the
 * hand-written cell loop. With {@code -prof gc}, JMH also reports the bytes allocated per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_API, BenchJvm.HUGE_PAGES, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH})
public class BpttBench {

    /** Batch, sequence length, input features, hidden units, layers: the five configurations of issue 6. */
    @Param({"32-50-1-16-1", "32-100-1-64-1", "32-100-1-64-2", "64-100-32-128-1", "32-200-64-512-1"})
    public String config;

    /** How long {@link #setUpAndWarm} runs training steps before measuring: 5 s. */
    static final long WARM_UP_NANOS = 5_000_000_000L;

    // Package-private: AllocationPerPhase runs the same step phase by phase.
    RNN rnn;
    Linear head;
    MSELoss loss;
    SGD optimizer;
    Variable x;
    Variable y;

    /**
     * Builds the model and data ({@link #setUp()}), then runs the benchmarked kind of step for
     * {@link #WARM_UP_NANOS} before JMH's own warm-up starts. A training step calls a dozen Vector
     * API kernels; until C2 has compiled all of them they run the API's Java fallback, tens of
     * times slower, and on a loaded machine that took 5-6 s, more than the quick suite's warm-up.
     */
    @Setup
    public void setUpAndWarm(BenchmarkParams params) {
        setUp();
        boolean fused = params.getBenchmark().endsWith("fused");
        long end = System.nanoTime() + WARM_UP_NANOS;
        do {
            double l = fused ? fused() : composed();
            if (Double.isNaN(l)) {
                throw new IllegalStateException("BpttBench: the loss became NaN during warm-up");
            }
        } while (System.nanoTime() < end);
    }

    /** Builds the model, a random input [B, T, I] and target [B, T, 1], and the optimizer. */
    public void setUp() {
        int[] c = parseConfig(config);
        int batch = c[0];
        int steps = c[1];
        int inputs = c[2];
        int hidden = c[3];
        int layers = c[4];
        Rng rng = new Rng(0);
        rnn = new RNN(inputs, hidden, Nonlinearity.TANH, layers, true, DType.FLOAT32, rng);
        head = new Linear(hidden, 1, true, DType.FLOAT32, rng);
        loss = new MSELoss();
        List<Variable> params = new ArrayList<>(rnn.parameters());
        params.addAll(head.parameters());
        optimizer = new SGD(params, 1e-3, 0.9, 0, 1e-4, false);
        x = Variable.constant(Tensor.randn(rng, DType.FLOAT32, batch, steps, inputs));
        y = Variable.constant(Tensor.randn(rng, DType.FLOAT32, batch, steps, 1));
    }

    /** One step with the fused RNN (one autograd node for the whole sequence); returns the loss. */
    @Benchmark
    public double fused() {
        optimizer.zeroGrad();
        Variable l = loss.forward(head.forward(rnn.forward(x).output()), y);
        l.backward();
        optimizer.step();
        return l.item();
    }

    /** One step with the composed RNN (a few autograd ops per time step); returns the loss. */
    @Benchmark
    public double composed() {
        optimizer.zeroGrad();
        Variable l = loss.forward(head.forward(rnn.forwardComposed(x, null).output()), y);
        l.backward();
        optimizer.step();
        return l.item();
    }

    /**
     * Reads "B-T-I-H-layers" (or "B,T,I,H,layers") into five ints.
     *
     * @throws IllegalArgumentException if the text does not hold five integers separated by dashes or commas
     */
    static int[] parseConfig(String text) {
        String[] parts = text.split("[-,]");
        if (parts.length != 5) {
            throw new IllegalArgumentException("BpttBench: config must be B-T-I-H-layers, got " + text);
        }
        int[] values = new int[5];
        for (int i = 0; i < 5; i++) {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }
}
