package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.autograd.Inputs.Domain;
import dev.tensorgrad.autograd.Inputs.Layout;
import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A user-defined op is recorded like a built-in one and is checked by gradcheck like one. */
class CustomOpTest {
    // softplus(x) = log(1 + e^x); d/dx softplus(x) = sigmoid(x)
    private static final CustomOp SOFTPLUS = CustomOp.of("softplus",
            in -> in[0].exp().add(1).log(),
            (g, in, out) -> new Tensor[] {g.mul(in[0].sigmoid())});

    /** swish(x) = x sigmoid(x), written as a class; d/dx = s + x s (1 - s) with s = sigmoid(x). */
    static final class Swish implements CustomOp {
        @Override
        public String name() {
            return "swish";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0].mul(inputs[0].sigmoid());
        }

        @Override
        public Tensor[] backward(Tensor gradOutput, Tensor[] inputs, Tensor output) {
            Tensor s = inputs[0].sigmoid();
            return new Tensor[] {gradOutput.mul(s.add(inputs[0].mul(s).mul(s.neg().add(1))))};
        }
    }

    // scaledAdd(a, b) = a + 2 b, with broadcasting left to the user: gradients must match each input's shape
    private static final CustomOp SCALED_ADD = CustomOp.of("scaledAdd",
            in -> in[0].add(in[1].mul(2)),
            (g, in, out) -> new Tensor[] {g, g.mul(2)});

    @Test
    void aLambdaPairOpPassesGradcheck() {
        GradCheck.assertGradients(v -> SOFTPLUS.apply(v[0]), Inputs.randn(new Rng(81), 3, 4));
    }

    @Test
    void aClassOpPassesGradcheckOnATransposedInput() {
        GradCheck.assertGradients(v -> new Swish().apply(v[0].t()).sum(), Inputs.randn(new Rng(82), 3, 4));
    }

    @Test
    void aDeliberatelyWrongBackwardIsCaughtByGradcheck() {
        CustomOp wrong = CustomOp.of("wrongSoftplus",
                in -> in[0].exp().add(1).log(),
                (g, in, out) -> new Tensor[] {g.mul(in[0].exp())}); // e^x instead of sigmoid(x)
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradients(v -> wrong.apply(v[0]).sum(), Inputs.randn(new Rng(83), 2, 2)));
        assertTrue(e.getMessage().contains("input 0 of shape [2, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("analytic") && e.getMessage().contains("numerical"), e.getMessage());
    }

    @Test
    void aGradientOfTheWrongShapeIsReportedWithTheOpsName() {
        Variable a = Variable.param(Tensor.of(1.0, 2.0));
        Variable b = Variable.param(Tensor.of(3.0));
        Variable loss = SCALED_ADD.apply(a, b).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'scaledAdd'") && e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void aGradientOfTheWrongDtypeIsReportedWithTheOpsName() {
        CustomOp narrowing = CustomOp.of("narrowing", in -> in[0].mul(2), (g, in, out) -> new Tensor[] {
            g.mul(2).to(DType.FLOAT32)});
        Variable loss = narrowing.apply(Variable.param(Tensor.of(1.0, 2.0))).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("'narrowing'") && e.getMessage().contains("float32 gradient for a float64 input"),
                e.getMessage());
    }

    @Test
    void aBackwardReturningTooFewGradientsIsReportedWithTheOpsName() {
        CustomOp forgetful = CustomOp.of("forgetful", in -> in[0].add(in[1]), (g, in, out) -> new Tensor[] {g});
        Variable loss = forgetful.apply(Variable.param(Tensor.of(1.0)), Variable.param(Tensor.of(2.0))).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("forgetful") && e.getMessage().contains("1 gradients for 2 inputs"),
                e.getMessage());
    }

    @Test
    void anInputWithoutGradientMayGetNull() {
        CustomOp scale = CustomOp.of("scale", in -> in[0].mul(in[1]), (g, in, out) -> new Tensor[] {g.mul(in[1]), null});
        GradCheck.assertGradients(v -> scale.apply(v[0], Variable.constant(Tensor.of(3.0, -2.0))).sum(),
                Tensor.of(1.0, 2.0));
    }

    @Test
    void aCustomOpIsNamedInTheGraphAndInAnomalyMessages() {
        Variable x = Variable.param(Tensor.of(-1.0));
        Variable y = SOFTPLUS.apply(x);
        assertTrue(y.gradFn().op().equals("softplus"));
        assertTrue(DotExport.toDot(y).contains("softplus [1]"));
        CustomOp badLog = CustomOp.of("badLog", in -> in[0].log(), (g, in, out) -> new Tensor[] {g.div(in[0])});
        try (var anomaly = Anomaly.detect()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> badLog.apply(x));
            assertTrue(e.getMessage().contains("'badLog'") && e.getMessage().contains("CustomOpTest.java:"),
                    e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void opsOfEveryLayoutPassGradcheck(Layout layout) {
        Rng rng = new Rng(84);
        Tensor raw = layout.raw(rng, Domain.ANY, 3, 4);
        Tensor other = Inputs.randn(rng, 3, 4);
        GradCheck.assertGradients(v -> SOFTPLUS.apply(layout.view(v[0], 3, 4)), raw);
        GradCheck.assertGradients(v -> SCALED_ADD.apply(v[1], layout.view(v[0], 3, 4)), raw, other);
    }
}
