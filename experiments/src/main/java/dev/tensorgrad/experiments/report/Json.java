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
 * <p>Reading is stricter than Python's {@code json.loads}, so that a hand-edited file fails loudly: RFC 8259 number
 * syntax (no {@code +1}, {@code .5}, {@code 1.} or {@code 01}), no number outside the double
 * range ({@code 1e400}), no duplicate keys, exactly four hex digits after <code>&#92;u</code>, no raw
 * control characters or unpaired surrogates in strings, only space, tab, CR and LF as whitespace,
 * and at most {@link #MAX_DEPTH} levels of nesting. (The safetensors header reader in nn.io has
 * the same lexical rules for the smaller grammar a header needs.)
 */
public final class Json {
    /**
     * Deepest nesting of arrays and objects parse accepts: the recursive parser would otherwise
     * die of a StackOverflowError on "[[[[...". 128 is serde_json's limit; reports nest 3 deep.
     */
    public static final int MAX_DEPTH = 128;

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
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException naming the character offset where the text stops being JSON
     */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    /** A recursive-descent parser: one method per JSON production. */
    private static final class Parser {
        private static final String HEX = "0123456789abcdefABCDEF";

        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            char c = s.charAt(pos);
            if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw error("nested more than " + MAX_DEPTH + " levels deep");
                }
                Object nested = c == '{' ? object() : array();
                depth--;
                return nested;
            }
            return switch (c) {
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                int keyStart = pos;
                String key = string();
                skipSpace();
                expect(':');
                if (map.containsKey(key)) {
                    pos = keyStart;
                    throw error("duplicate key \"" + key + "\"");
                }
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        String string() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return pairedSurrogates(out);
                }
                if (c < 0x20) {
                    pos--;
                    throw error("raw control character U+" + String.format("%04X", (int) c) + " in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = pos < s.length() ? s.charAt(pos++) : '?';
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            // Four ASCII hex digits; Integer.parseInt would also take a sign.
                            int digit = pos < s.length() ? HEX.indexOf(s.charAt(pos)) : -1;
                            if (digit < 0) {
                                throw error("\\u escape needs four hex digits");
                            }
                            code = code * 16 + (digit < 16 ? digit : digit - 6);
                            pos++;
                        }
                        out.append((char) code);
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        /**
         * The decoded string, if every UTF-16 surrogate in it is half of a pair: a lone one (from a
         * <code>&#92;uD800</code> escape) is no character at all, which RFC 8259 readers such as serde_json refuse.
         */
        private String pairedSurrogates(StringBuilder out) {
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw error("unpaired surrogate U+" + String.format("%04X", (int) c) + " in the string ending");
                }
            }
            return out.toString();
        }

        /** RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, and finite as a double. */
        Double number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (peek() >= '0' && peek() <= '9') {
                    throw error("leading zero in a number");
                }
            } else if (!digits()) {
                pos = start;
                throw error("expected a value");
            }
            if (peek() == '.') {
                pos++;
                if (!digits()) {
                    throw error("expected a digit after the decimal point");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!digits()) {
                    throw error("expected a digit in the exponent");
                }
            }
            String literal = s.substring(start, pos);
            double x = Double.parseDouble(literal);
            if (!Double.isFinite(x)) {
                pos = start;
                throw error("number " + literal + " is outside the double range");
            }
            return x;
        }

        /** Skips one or more ASCII digits; false if there is none. */
        private boolean digits() {
            int start = pos;
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
            return pos > start;
        }

        Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            // JSON's four whitespace characters only; Character.isWhitespace also takes U+001C and others.
            while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("json: " + problem + " at offset " + pos);
        }
    }
}
