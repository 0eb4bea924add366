package dev.tensorgrad.nn.optim;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with exactly torch.optim.SGD's semantics. For each parameter w
 * with gradient g:
 *
 * <pre>
 *   g = g + weightDecay * w                         (L2 penalty, before momentum)
 *   buf = g on the first step, else momentum * buf + (1 - dampening) * g
 *   g = nesterov ? g + momentum * buf : buf         (when momentum != 0)
 *   w = w - lr * g
 * </pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final Tensor[] buffers;
    private final Tensor[] scratch;

    /** Plain SGD: w -= lr * g. */
    public SGD(List<Variable> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /**
     * SGD with every option.
     *
     * @throws IllegalArgumentException if a coefficient is negative or NaN, momentum or weightDecay
     *                                  is infinite, dampening is not finite, or nesterov is asked
     *                                  for without momentum or with dampening (as PyTorch refuses)
     */
    public SGD(List<Variable> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        // Written as !(x >= 0) so that NaN, which fails every comparison, is refused too.
        if (!(momentum >= 0) || !(weightDecay >= 0) || Double.isInfinite(momentum) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD: momentum and weightDecay must be finite and >= 0, got " + momentum
                    + " and " + weightDecay);
        }
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("SGD: dampening must be finite, got " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: nesterov momentum requires momentum > 0 and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new Tensor[this.params.size()];
        this.scratch = new Tensor[this.params.size()];
    }

    /**
     * Parameter i's scratch tensor holding g's values, made on first use; when g already is the
     * scratch tensor (weight decay put it there), nothing is copied.
     */
    private Tensor inScratch(int i, Tensor g) {
        if (scratch[i] == null) {
            scratch[i] = Tensor.zeros(g.dtype(), g.shape());
        }
        return g == scratch[i] ? g : scratch[i].copyFrom(g);
    }

    @Override
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            if (p.grad() == null) {
                continue;
            }
            Tensor w = p.data();
            Tensor g = p.grad();
            // The adjusted gradients below go into this parameter's scratch tensor: the gradient
            // itself stays as backward left it, and a training step allocates nothing here.
            if (weightDecay != 0) {
                g = inScratch(i, g).addScaledInPlace(weightDecay, w);
            }
            if (momentum != 0) {
                if (buffers[i] == null) {
                    buffers[i] = g.copy();
                } else {
                    buffers[i].mulInPlace(momentum).addScaledInPlace(1 - dampening, g);
                }
                g = nesterov ? inScratch(i, g).addScaledInPlace(momentum, buffers[i]) : buffers[i];
            }
            w.addScaledInPlace(-lr(), g);
        }
    }
}
