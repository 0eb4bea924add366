package dev.tensorgrad.experiments.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void stringsWithQuotesAndNewlinesRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "say \"hi\"\nthen \\ go\t\u0001");
        m.put("list", List.of(1.5, false));
        assertEquals(m, Json.parse(Json.write(m)));
    }

    @Test
    void infinityCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NEGATIVE_INFINITY)));
    }

    @Test
    void malformedTextIsRejectedWithItsOffset() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,}"));
        assertEquals("json: expected a string key at offset 8", e.getMessage());
    }

    private static String parseError(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Json.parse(text)).getMessage();
    }

    @Test
    void deepNestingIsAParseErrorNotAStackOverflow() {
        assertEquals("json: nested more than 128 levels deep at offset 128",
                parseError("[".repeat(3000) + "]".repeat(3000)));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        Object value = Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH));
        for (int level = 1; level < Json.MAX_DEPTH; level++) {
            value = ((List<?>) value).get(0);
        }
        assertEquals(List.of(), value);
    }

    @Test
    void numbersOutsideTheDoubleRangeAreRejected() {
        assertEquals("json: number 1e400 is outside the double range at offset 1", parseError("[1e400]"));
    }

    @Test
    void numbersFollowTheJsonGrammar() {
        assertEquals("json: expected a value at offset 0", parseError("+1"));
        assertEquals("json: expected a value at offset 0", parseError(".5"));
        assertEquals("json: expected a digit after the decimal point at offset 2", parseError("1."));
        assertEquals("json: leading zero in a number at offset 1", parseError("01"));
        assertEquals(List.of(-0.5, 120.0, 0.0, 1e-3), Json.parse("[-0.5, 1.2E2, 0, 1e-3]"));
    }

    @Test
    void duplicateKeysAreRejectedByName() {
        assertEquals("json: duplicate key \"a\" at offset 9", parseError("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void badUnicodeEscapeIsAParseErrorWithItsOffset() {
        assertEquals("json: \\u escape needs four hex digits at offset 3", parseError("\"\\u+041\""));
        assertEquals("json: \\u escape needs four hex digits at offset 5", parseError("\"\\u00zz\""));
    }

    @Test
    void onlyJsonWhitespaceAndEscapedControlCharactersAreAccepted() {
        assertEquals("json: unexpected text after the value at offset 1", parseError("1\u001c"));
        assertEquals("json: raw control character U+0001 in a string at offset 2", parseError("\"a\u0001\""));
    }

    @Test
    void unpairedSurrogatesAreRejected() {
        assertEquals("json: unpaired surrogate U+D800 in the string ending at offset 9", parseError("\"a\\ud800\""));
        assertEquals("json: unpaired surrogate U+DC00 in the string ending at offset 9", parseError("\"\\udc00b\""));
    }

    @Test
    void aSurrogatePairIsOneCharacter() {
        assertEquals("\ud83d\ude00", Json.parse("\"\\ud83d\\ude00\""));
    }
}
