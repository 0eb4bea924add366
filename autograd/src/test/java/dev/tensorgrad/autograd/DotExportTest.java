package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DOT export shows what define-by-run recorded: ops with shapes, leaves by kind, data-flow edges. */
class DotExportTest {
    @Test
    void tinyExpressionExportsExactly() {
        Variable w = Variable.param(Tensor.of(1.0, 2.0));
        Variable x = Variable.constant(Tensor.of(3.0, 4.0));
        Variable loss = w.mul(x).sum();
        String expected = """
                digraph autograd {
                  node [fontname="Helvetica"];
                  v0 [label="param [2]", shape=box, style=filled, fillcolor=lightblue];
                  v1 [label="constant [2]", shape=box, style=dashed];
                  v2 [label="mul [2]", shape=ellipse];
                  v3 [label="sum []", shape=ellipse, peripheries=2];
                  v0 -> v2;
                  v1 -> v2;
                  v2 -> v3;
                }
                """;
        assertEquals(expected, DotExport.toDot(loss));
    }

    @Test
    void aValueUsedTwiceIsOneNodeWithTwoEdges() {
        Variable x = Variable.param(Tensor.of(1.0, 2.0));
        String dot = DotExport.toDot(x.mul(x));
        assertEquals(2, dot.split("v0 -> v1;", -1).length - 1, dot);
    }

    @Test
    void namedVariablesAreLabelledWithTheirNames() {
        Variable w = Variable.param(Tensor.zeros(3, 4));
        Variable x = Variable.constant(Tensor.zeros(2, 3));
        Variable h = x.matmul(w).tanh();
        String dot = DotExport.toDot(h, Map.of(w, "W", x, "x", h, "h"));
        assertTrue(dot.contains("[label=\"W [3, 4]\""), dot);
        assertTrue(dot.contains("[label=\"x [2, 3]\""), dot);
        assertTrue(dot.contains("[label=\"matmul [2, 4]\""), dot);
        assertTrue(dot.contains("[label=\"h = tanh [2, 4]\""), dot);
    }

    @Test
    void aNewlineInAnOpNameIsEscapedInsideItsLabel() {
        Variable x = Variable.param(Tensor.of(1.0));
        Variable y = CustomOp.of("two\nlines", in -> in[0].mul(2), (g, in, out) -> new Tensor[] {g.mul(2)}).apply(x);
        String dot = DotExport.toDot(y);
        assertTrue(dot.contains("two\\nlines"), dot);
        assertFalse(dot.contains("two\nlines"), dot);
    }
}
