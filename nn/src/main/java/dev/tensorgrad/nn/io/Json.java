package dev.tensorgrad.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for a safetensors header: objects (kept in file order), arrays, strings and
 * integers. Parsing yields {@code Map<String, Object>}, {@code List<Object>}, {@code String} and
 * {@code Long}; anything else (floats, true/false/null) is rejected, since a header never holds it.
 * The grammar is RFC 8259's, as strict as the Python safetensors reader (serde_json): whitespace
 * is only space, tab, CR and LF; integers have no leading zeros; strings hold no raw control
 * characters and no unpaired surrogates; a <code>&#92;u</code> escape takes exactly four hex
 * digits. Nesting deeper than {@link #MAX_DEPTH} is refused. (The experiments' report reader has
 * the same lexical rules for full JSON.)
 */
final class Json {
    /**
     * Deepest nesting of arrays and objects accepted, serde_json's limit (which the Python reader
     * uses). A header needs 3; the limit turns a hostile "[[[[..." into an error instead of a
     * StackOverflowError from this recursive parser.
     */
    static final int MAX_DEPTH = 128;

    private static final String HEX = "0123456789abcdefABCDEF";

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value filling the whole text (trailing spaces allowed, as safetensors pads).
     *
     * @throws IllegalArgumentException naming the position of the first problem
     */
    static Object parse(String text) {
        Json parser = new Json(text);
        Object value = parser.value();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object value() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
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
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        throw error("unexpected character '" + c + "'");
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpaces();
        if (peek('}')) {
            pos++;
            return map;
        }
        while (true) {
            skipSpaces();
            if (!peek('"')) {
                throw error("expected a string key");
            }
            String key = string();
            skipSpaces();
            expect(':');
            if (map.put(key, value()) != null) {
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpaces();
            if (peek(',')) {
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
        if (peek(']')) {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpaces();
            if (peek(',')) {
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
                throw error("raw control character U+" + String.format("%04X", (int) c) + " in a string (must be escaped)");
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
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        // Exactly four ASCII hex digits: Integer.parseInt would also take a sign, "+041".
                        int digit = pos < text.length() ? HEX.indexOf(text.charAt(pos)) : -1;
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
        int lone = loneSurrogate(out);
        if (lone >= 0) {
            throw error("unpaired surrogate U+" + String.format("%04X", (int) out.charAt(lone)) + " in the string ending");
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

    private Long integer() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos - digits > 1 && text.charAt(digits) == '0') {
            throw error("leading zero in '" + text.substring(start, pos) + "'");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("only integers are expected in a safetensors header");
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException ex) {
            throw error("bad integer '" + text.substring(start, pos) + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && isJsonSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** JSON's four whitespace characters; Character.isWhitespace would also take e.g. U+001C. */
    private static boolean isJsonSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("invalid JSON at character " + pos + ": " + problem);
    }

    /** A JSON string literal for s, escaping quotes, backslashes and control characters. */
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
