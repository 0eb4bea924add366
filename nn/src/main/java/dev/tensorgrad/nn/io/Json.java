package dev.tensorgrad.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's one JSON reader: RFC 8259, strictly. Safetensors checkpoint headers are read with
 * it, and so are the experiments' reports, so a file that is not exactly JSON fails loudly, naming
 * where, instead of loading something slightly different from what was written.
 *
 * <p>Values map to Java as: object = {@code Map<String, Object>} (a {@link LinkedHashMap}, file
 * order kept), array = {@code List<Object>}, string = {@code String}, {@code true}/{@code false} =
 * {@code Boolean}, {@code null} = {@code null}, and a number = {@code Long} when it is written as
 * an integer (no fraction, no exponent), else {@code Double}. The one exception is {@code -0},
 * which a long cannot hold: it is the double {@code -0.0}, which keeps its sign.
 *
 * <p>What it refuses, beyond plain syntax errors (of these, Python's {@code json.loads} accepts
 * integers of any size, {@code 1e400} as infinity, repeated keys and lone surrogates):
 * <ul>
 *   <li>whitespace other than JSON's four (space, tab, CR, LF): no U+001C, no non-breaking space;</li>
 *   <li>number syntax outside RFC 8259: {@code +1}, {@code .5}, {@code 1.}, {@code 01}, {@code 1e};</li>
 *   <li>an integer outside the long range ({@code 9223372036854775808}), rather than rounding it to a
 *       double, and any number outside the double range ({@code 1e400}), rather than infinity;</li>
 *   <li>a repeated key in one object;</li>
 *   <li>a raw control character (below U+0020) inside a string: it must be escaped;</li>
 *   <li>an escape other than RFC 8259's, and a <code>&#92;u</code> escape without exactly four hex
 *       digits ({@code Integer.parseInt} would take {@code +041});</li>
 *   <li>an unpaired UTF-16 surrogate, such as a lone <code>&#92;uD800</code>: it is no character,
 *       and UTF-8 cannot encode it;</li>
 *   <li>nesting of arrays and objects deeper than {@link #MAX_DEPTH};</li>
 *   <li>anything but whitespace after the value.</li>
 * </ul>
 * It reads text, not bytes: decode files with a strict UTF-8 decoder first (as
 * {@code SafeTensors} does, and {@code Files.readString} does), since a lenient one turns
 * malformed bytes into U+FFFD before this reader could see them.
 */
public final class Json {
    /**
     * Deepest nesting of arrays and objects accepted, serde_json's limit. Headers and reports
     * nest 3 deep; the limit turns a hostile "[[[[..." into an error instead of a
     * StackOverflowError from this recursive parser.
     */
    public static final int MAX_DEPTH = 128;

    private static final String HEX = "0123456789abcdefABCDEF";

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value filling the whole text (whitespace around it allowed).
     *
     * @param text the JSON text, already decoded from UTF-8
     * @return a Map, List, String, Long, Double, Boolean or null, as the class comment maps them
     * @throws IllegalArgumentException "json: PROBLEM at offset N", N the character offset where the
     *                                  text stops being the JSON described above
     */
    public static Object parse(String text) {
        Json parser = new Json(text);
        Object value = parser.value();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    // One method per JSON production, recursive descent.

    private Object value() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
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

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpaces();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpaces();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyStart = pos;
            String key = string();
            // Checked before the value is read, so the offset points at the repeated key.
            if (map.containsKey(key)) {
                pos = keyStart;
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpaces();
            expect(':');
            map.put(key, value());
            skipSpaces();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpaces();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpaces();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return pairedSurrogates(out);
            }
            if (c < 0x20) {
                pos--;
                throw error("raw control character " + codePoint(c) + " in a string (must be escaped)");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    /** The UTF-16 unit of a backslash-u escape: exactly four ASCII hex digits (Integer.parseInt would also take a sign, "+041"). */
    private char unicodeEscape() {
        int code = 0;
        for (int k = 0; k < 4; k++) {
            int digit = pos < text.length() ? HEX.indexOf(text.charAt(pos)) : -1;
            if (digit < 0) {
                throw error("\\u escape needs four hex digits");
            }
            code = code * 16 + (digit < 16 ? digit : digit - 6);
            pos++;
        }
        return (char) code;
    }

    /**
     * The decoded string, if every UTF-16 surrogate in it is half of a pair: a lone one (from a
     * <code>&#92;uD800</code> escape) is no character at all, which RFC 8259 readers such as serde_json refuse.
     */
    private String pairedSurrogates(StringBuilder out) {
        int lone = loneSurrogate(out);
        if (lone >= 0) {
            throw error("unpaired surrogate " + codePoint(out.charAt(lone)) + " in the string ending");
        }
        return out.toString();
    }

    /** The index of the first UTF-16 surrogate in s that is not half of a pair, or -1 if there is none. */
    static int loneSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?; a Long if it is an integer, else a finite Double. */
    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0' && isDigit(peekNext())) {
            pos++;
            digits();
            String literal = text.substring(start, pos);
            pos = start;
            throw error("leading zero in " + literal);
        }
        if (!digits()) {
            boolean minus = pos > start;
            pos = start;
            throw error(minus ? "expected a digit after '-'" : "expected a value, found " + describe(text.charAt(pos)));
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!digits()) {
                throw error("expected a digit after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent");
            }
        }
        String literal = text.substring(start, pos);
        if (integer && !literal.equals("-0")) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLong) {
                pos = start;
                throw error("integer " + literal + " is outside the long range");
            }
        }
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
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private void skipSpaces() {
        // JSON's four whitespace characters only; Character.isWhitespace would also take U+001C and others.
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** The character at the current offset, or NUL at the end of the text (NUL cannot match any token). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char peekNext() {
        return pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** 'x' for a printable ASCII character; U+00A0 for anything else, which could not be seen in the message. */
    private static String describe(char c) {
        return c > 0x20 && c < 0x7F ? "'" + c + "'" : codePoint(c);
    }

    /** A character as messages name it, e.g. U+00A0. */
    static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("json: " + problem + " at offset " + pos);
    }

    /** A JSON string literal for s, escaping quotes, backslashes and control characters (used to write headers). */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
