package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the graph behind a variable in Graphviz DOT, to look at what define-by-run recorded:
 * {@code dot -Tsvg graph.dot -o graph.svg}. Each variable is one DOT node: an op's output is an
 * ellipse labelled with the op and its shape; a leaf is a box, filled for a parameter (requires
 * grad) and dashed for a constant. Edges point the way data flowed, from inputs to the op that
 * read them; a value an op read twice (x * x) has two edges. The root is drawn with a double border.
 *
 * <p>Export before calling backward (or after {@code backward(true)}): a backward pass frees the
 * nodes it runs through, and a freed node no longer lists its inputs.
 */
public final class DotExport {
    private DotExport() {
    }

    /** The DOT text of the graph behind root, with generic leaf labels. */
    public static String toDot(Variable root) {
        return toDot(root, Map.of());
    }

    /**
     * The DOT text of the graph behind root; variables found in {@code names} are labelled with
     * their name (e.g. "W [3, 4]" for a parameter, "h = tanh [2, 4]" for an op's output).
     */
    public static String toDot(Variable root, Map<Variable, String> names) {
        List<Variable> order = Graph.inputsFirst(root, false);
        Map<Variable, Integer> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder("digraph autograd {\n");
        dot.append("  node [fontname=\"Helvetica\"];\n");
        for (Variable v : order) {
            int id = ids.size();
            ids.put(v, id);
            dot.append("  v").append(id).append(" [label=\"").append(escape(label(v, names.get(v))))
                    .append("\", ").append(style(v)).append(v == root ? ", peripheries=2" : "").append("];\n");
        }
        for (Variable v : order) {
            if (v.gradFn() != null) {
                for (Variable input : v.gradFn().inputs()) {
                    dot.append("  v").append(ids.get(input)).append(" -> v").append(ids.get(v)).append(";\n");
                }
            }
        }
        return dot.append("}\n").toString();
    }

    private static String label(Variable v, String name) {
        String shape = Shape.format(v.shape());
        if (v.gradFn() != null) {
            String op = v.gradFn().op() + " " + shape;
            return name == null ? op : name + " = " + op;
        }
        return (name != null ? name : v.requiresGrad() ? "param" : "constant") + " " + shape;
    }

    private static String style(Variable v) {
        if (v.gradFn() != null) {
            return "shape=ellipse";
        }
        return v.requiresGrad() ? "shape=box, style=filled, fillcolor=lightblue" : "shape=box, style=dashed";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
