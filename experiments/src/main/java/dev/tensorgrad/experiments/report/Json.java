package dev.tensorgrad.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the reports need: writing objects, arrays, strings, finite numbers and booleans,
 * and reading them back.
 *
 * <p>Values map to Java as: object = {@code Map<String, Object>} (key order kept), array =
 * {@code List<Object>}, string = {@code String}, number = {@code Double}, {@code true/false} =
 * {@code Boolean}, {@code null} = {@code null}.
 *
 * <p>Reading goes through the engine's strict reader, {@link dev.tensorgrad.nn.io.Json}, the one
 * that reads checkpoint headers, so a hand-edited report fails loudly: its class comment lists
 * what it refuses (RFC 8259 number syntax, numbers out of range, duplicate keys, lone surrogates,
 * nesting deeper than {@link dev.tensorgrad.nn.io.Json#MAX_DEPTH}, and more).
 */
public final class Json {
    private Json() {
    }

    /**
     * Writes a value as JSON: the top-level object one key per line, nested arrays and objects on one line.
     *
     * @throws IllegalArgumentException for a NaN or infinite number (JSON has none) or an unsupported type
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append("  ");
                writeString(out, String.valueOf(e.getKey()));
                out.append(": ");
                writeValue(out, e.getValue());
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append("}\n");
        } else {
            writeValue(out, value);
            out.append('\n');
        }
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> writeString(out, s);
            case Boolean b -> out.append(b);
            case Number n -> out.append(number(n.doubleValue()));
            case double[] xs -> {
                out.append('[');
                for (int i = 0; i < xs.length; i++) {
                    out.append(i == 0 ? "" : ", ").append(number(xs[i]));
                }
                out.append(']');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    writeValue(out, list.get(i));
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(i++ == 0 ? "" : ", ");
                    writeString(out, String.valueOf(e.getKey()));
                    out.append(": ");
                    writeValue(out, e.getValue());
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException(
                    "json: cannot write a " + value.getClass().getSimpleName());
        }
    }

    private static String number(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("json: cannot write " + x + " (JSON numbers are finite)");
        }
        // Whole numbers print without ".0"; the rest use Java's shortest round-trip form, which is valid JSON.
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses one JSON value with the project's strict reader, {@link dev.tensorgrad.nn.io.Json#parse},
     * giving every number as a {@code Double} (the reader keeps integers as {@code Long}), the type
     * {@link #write} takes and the reports compare against. An integer beyond the long range is
     * refused, as the strict reader refuses it; {@link #write} never writes one.
     *
     * @throws IllegalArgumentException as the strict reader does: "json: PROBLEM at offset N"
     */
    public static Object parse(String text) {
        return withDoubles(dev.tensorgrad.nn.io.Json.parse(text));
    }

    /** The same value with each Long turned into the Double it stands for; maps keep their key order. */
    private static Object withDoubles(Object value) {
        return switch (value) {
            case Long n -> n.doubleValue();
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(withDoubles(item));
                }
                yield out;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put((String) e.getKey(), withDoubles(e.getValue()));
                }
                yield out;
            }
            case null, default -> value;
        };
    }
}
