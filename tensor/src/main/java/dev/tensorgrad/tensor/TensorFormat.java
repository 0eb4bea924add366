package dev.tensorgrad.tensor;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: nested brackets, values aligned in columns, and only the
 * first and last three entries of each dim once a tensor has more than 1000 elements.
 */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        if (t.numel() == 0 && t.rank() > 1) {
            // Like PyTorch: an empty tensor prints as [] whatever its shape (not one [] per row of [2000, 0]).
            return "tensor([], shape=" + Shape.format(t.shape) + ", dtype=" + t.dtype() + ")";
        }
        boolean summarize = t.numel() > SUMMARIZE_ABOVE;
        boolean scientific = needsScientific(t);
        int width = 0;
        double[] values = t.toDoubleArray();
        for (double v : values) {
            width = Math.max(width, number(v, scientific).length());
        }
        StringBuilder sb = new StringBuilder("tensor(");
        String indent = " ".repeat("tensor(".length());
        appendDim(sb, t, 0, new int[t.rank()], width, scientific, summarize, indent);
        sb.append(", shape=").append(Shape.format(t.shape)).append(", dtype=").append(t.dtype()).append(')');
        return sb.toString();
    }

    private static boolean needsScientific(Tensor t) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double v : t.toDoubleArray()) {
            if (Double.isFinite(v) && v != 0) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
                minAbs = Math.min(minAbs, Math.abs(v));
            }
        }
        return maxAbs >= 1e8 || (minAbs < 1e-4 && maxAbs > 0);
    }

    private static String number(double v, boolean scientific) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, scientific ? "%.4e" : "%.4f", v);
    }

    private static void appendDim(StringBuilder sb, Tensor t, int dim, int[] index, int width, boolean scientific,
                                  boolean summarize, String indent) {
        if (dim == t.rank()) {
            String s = number(t.get(index), scientific);
            sb.append(" ".repeat(width - s.length())).append(s);
            return;
        }
        sb.append('[');
        int size = t.size(dim);
        for (int i = 0; i < size; i++) {
            if (summarize && size > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                // "..." stands in for the hidden entries and is separated like one of them.
                sb.append(dim == t.rank() - 1 ? "..., "
                        : "...," + "\n".repeat(t.rank() - dim - 1) + indent + " ".repeat(dim + 1));
                i = size - EDGE_ITEMS;
            }
            index[dim] = i;
            appendDim(sb, t, dim + 1, index, width, scientific, summarize, indent);
            if (i < size - 1) {
                sb.append(',');
                if (dim == t.rank() - 1) {
                    sb.append(' ');
                } else {
                    sb.append("\n".repeat(t.rank() - dim - 1)).append(indent).append(" ".repeat(dim + 1));
                }
            }
        }
        sb.append(']');
    }
}
