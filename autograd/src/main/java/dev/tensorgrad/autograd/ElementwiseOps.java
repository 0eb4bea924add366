package dev.tensorgrad.autograd;

import static dev.tensorgrad.autograd.SumToShape.sumToShape;

import dev.tensorgrad.tensor.Tensor;
import java.util.List;

/**
 * Elementwise ops, each forward followed by its local derivative. Inputs that were broadcast in
 * the forward pass get their gradient summed back to their own shape ({@link SumToShape}).
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    // d(a+b)/da = 1, d(a+b)/db = 1
    static Variable add(Variable a, Variable b) {
        Tensor out = a.data().add(b.data());
        return Graph.record("add", out, List.of(a, b), g -> new Tensor[] {
            sumToShape(g, a.shape()),
            sumToShape(g, b.shape()),
        });
    }

    // d(a-b)/da = 1, d(a-b)/db = -1
    static Variable sub(Variable a, Variable b) {
        Tensor out = a.data().sub(b.data());
        return Graph.record("sub", out, List.of(a, b), g -> new Tensor[] {
            sumToShape(g, a.shape()),
            sumToShape(g.neg(), b.shape()),
        });
    }

    // d(ab)/da = b, d(ab)/db = a
    static Variable mul(Variable a, Variable b) {
        Tensor x = a.data();
        Tensor y = b.data();
        return Graph.record("mul", x.mul(y), List.of(a, b), new Tensor[] {x, y}, g -> new Tensor[] {
            a.requiresGrad() ? sumToShape(g.mul(y), a.shape()) : null,
            b.requiresGrad() ? sumToShape(g.mul(x), b.shape()) : null,
        });
    }

    // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2, computed as -(a/b)/b: b^2 alone under- or overflows long before a/b^2 does.
    static Variable div(Variable a, Variable b) {
        Tensor x = a.data();
        Tensor y = b.data();
        return Graph.record("div", x.div(y), List.of(a, b), new Tensor[] {x, y}, g -> new Tensor[] {
            a.requiresGrad() ? sumToShape(g.div(y), a.shape()) : null,
            b.requiresGrad() ? sumToShape(g.mul(x.div(y).div(y)).neg(), b.shape()) : null,
        });
    }

    // d(x^p)/dx = p x^(p-1)
    static Variable pow(Variable a, double p) {
        Tensor x = a.data();
        return Graph.record("pow", x.pow(p), List.of(a), new Tensor[] {x}, g -> new Tensor[] {
            // x^0 is constant; spelled out because 0 * 0^-1 would be 0 * Inf = NaN at x = 0
            p == 0 ? Tensor.zerosLike(x) : g.mul(x.pow(p - 1).mul(p)),
        });
    }

    // d(-x)/dx = -1
    static Variable neg(Variable a) {
        return Graph.record("neg", a.data().neg(), List.of(a), g -> new Tensor[] {g.neg()});
    }

    // d(e^x)/dx = e^x
    static Variable exp(Variable a) {
        Tensor y = a.data().exp();
        return Graph.record("exp", y, List.of(a), new Tensor[] {y}, g -> new Tensor[] {g.mul(y)});
    }

    // d(log x)/dx = 1/x
    static Variable log(Variable a) {
        Tensor x = a.data();
        return Graph.record("log", x.log(), List.of(a), new Tensor[] {x}, g -> new Tensor[] {g.div(x)});
    }

    // d(sqrt x)/dx = 1 / (2 sqrt x)
    static Variable sqrt(Variable a) {
        Tensor y = a.data().sqrt();
        return Graph.record("sqrt", y, List.of(a), new Tensor[] {y}, g -> new Tensor[] {g.div(y.mul(2))});
    }

    // d|x|/dx = sign(x) (0 at 0, as in PyTorch)
    static Variable abs(Variable a) {
        Tensor x = a.data();
        return Graph.record("abs", x.abs(), List.of(a), new Tensor[] {x}, g -> new Tensor[] {g.mul(x.sign())});
    }

    // d/dx tanh(x) = 1 - tanh(x)^2
    static Variable tanh(Variable a) {
        Tensor y = a.data().tanh();
        return Graph.record("tanh", y, List.of(a), new Tensor[] {y}, g -> new Tensor[] {
            g.mul(y.mul(y).neg().add(1)),
        });
    }

    // d/dx sigmoid(x) = sigmoid(x) (1 - sigmoid(x))
    static Variable sigmoid(Variable a) {
        Tensor y = a.data().sigmoid();
        return Graph.record("sigmoid", y, List.of(a), new Tensor[] {y}, g -> new Tensor[] {
            g.mul(y.mul(y.neg().add(1))),
        });
    }

    // d/dx relu(x) = 1 if x > 0 else 0
    static Variable relu(Variable a) {
        Tensor y = a.data().relu();
        return Graph.record("relu", y, List.of(a), new Tensor[] {y}, g -> new Tensor[] {g.mul(y.gt(0))});
    }

    // d max(a,b)/da = 1 where a > b, 1/2 on ties (PyTorch splits the gradient evenly)
    static Variable maximum(Variable a, Variable b) {
        return extremum("maximum", a, b, a.data().maximum(b.data()), a.data().gt(b.data()));
    }

    // d min(a,b)/da = 1 where a < b, 1/2 on ties
    static Variable minimum(Variable a, Variable b) {
        return extremum("minimum", a, b, a.data().minimum(b.data()), a.data().lt(b.data()));
    }

    private static Variable extremum(String op, Variable a, Variable b, Tensor out, Tensor aWins) {
        Tensor tie = a.data().eq(b.data()).mul(0.5);
        Tensor aShare = aWins.add(tie);
        return Graph.record(op, out, List.of(a, b), g -> new Tensor[] {
            sumToShape(g.mul(aShare), a.shape()),
            sumToShape(g.mul(aShare.neg().add(1)), b.shape()),
        });
    }

    // d clamp(x)/dx = 1 inside [min, max], 0 where the value was clamped
    static Variable clamp(Variable a, double min, double max) {
        Tensor x = a.data();
        Tensor inside = x.ge(Tensor.scalar(min, x.dtype())).mul(x.le(Tensor.scalar(max, x.dtype())));
        return Graph.record("clamp", x.clamp(min, max), List.of(a), g -> new Tensor[] {g.mul(inside)});
    }

    // where(m, a, b): the gradient goes to a where m is set and to b elsewhere
    static Variable where(Tensor mask, Variable a, Variable b) {
        Tensor out = Tensor.where(mask, a.data(), b.data());
        return Graph.record("where", out, List.of(a, b), new Tensor[] {mask}, g -> {
            Tensor zero = Tensor.zerosLike(g);
            return new Tensor[] {
                sumToShape(Tensor.where(mask, g, zero), a.shape()),
                sumToShape(Tensor.where(mask, zero, g), b.shape()),
            };
        });
    }
}
