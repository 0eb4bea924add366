package dev.tensorgrad.nn.io;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    private static String parseError(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Json.parse(text)).getMessage();
    }

    @Test
    void valuesMapToMapsListsStringsBooleansAndNull() {
        List<Object> items = new ArrayList<>(Arrays.asList("x", true, false, null));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", items);
        expected.put("a", Map.of());
        assertEquals(expected, Json.parse(" {\"b\": [\"x\", true, false, null], \"a\": {}}\n"));
    }

    @Test
    void objectsKeepTheirKeysInFileOrder() {
        Map<?, ?> map = (Map<?, ?>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(map.keySet()));
    }

    @Test
    void integersAreLongsAndOtherNumbersAreDoubles() {
        assertEquals(List.of(0L, -7L, Long.MAX_VALUE, -0.5, 120.0, 1e-3),
                Json.parse("[0, -7, 9223372036854775807, -0.5, 1.2E2, 1e-3]"));
    }

    @Test
    void minusZeroIsTheDoubleMinusZeroSinceALongHasNone() {
        Object value = Json.parse("-0");
        assertInstanceOf(Double.class, value);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) value));
    }

    @Test
    void integersOutsideTheLongRangeAreRejected() {
        assertEquals("json: integer 9223372036854775808 is outside the long range at offset 1",
                parseError("[9223372036854775808]"));
    }

    @Test
    void numbersOutsideTheDoubleRangeAreRejected() {
        assertEquals("json: number 1e400 is outside the double range at offset 1", parseError("[1e400]"));
    }

    @Test
    void numbersFollowTheJsonGrammar() {
        assertEquals("json: expected a value, found '+' at offset 0", parseError("+1"));
        assertEquals("json: expected a value, found '.' at offset 0", parseError(".5"));
        assertEquals("json: expected a digit after the decimal point at offset 2", parseError("1."));
        assertEquals("json: expected a digit in the exponent at offset 2", parseError("1e"));
        assertEquals("json: expected a digit after '-' at offset 1", parseError("[-]"));
    }

    @Test
    void aCharacterThatCannotBeSeenIsNamedByItsCodePoint() {
        assertEquals("json: expected a value, found U+00A0 at offset 0", parseError("\u00a01"));
    }

    @Test
    void leadingZerosAreRejected() {
        assertEquals("json: leading zero in 0002 at offset 1", parseError("[0002]"));
        assertEquals("json: leading zero in -01 at offset 0", parseError("-01"));
    }

    @Test
    void malformedTextIsRejectedWithItsOffset() {
        assertEquals("json: expected a string key at offset 8", parseError("{\"a\": 1,}"));
    }

    @Test
    void textAfterTheValueIsRejected() {
        assertEquals("json: unexpected text after the value at offset 3", parseError("{} {}"));
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
    void duplicateKeysAreRejectedByName() {
        assertEquals("json: duplicate key \"a\" at offset 9", parseError("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void escapesDecodeToTheirCharacters() {
        assertEquals("\" \\ / \b \f \n \r \t A", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041\""));
    }

    @Test
    void unknownEscapesAreRejected() {
        assertEquals("json: bad escape \\x at offset 3", parseError("\"\\x\""));
        assertEquals("json: unterminated escape at offset 2", parseError("\"\\"));
    }

    @Test
    void unicodeEscapesTakeExactlyFourHexDigits() {
        assertEquals("json: \\u escape needs four hex digits at offset 3", parseError("\"\\u+041\""));
        assertEquals("json: \\u escape needs four hex digits at offset 5", parseError("\"\\u00zz\""));
    }

    @Test
    void onlyJsonsFourWhitespaceCharactersAreSkipped() {
        assertEquals(List.of(1L), Json.parse(" \t\r\n[ \t\r\n1 \t\r\n] \t\r\n"));
        assertEquals("json: unexpected text after the value at offset 1", parseError("1\u001c"));
    }

    @Test
    void rawControlCharactersInAStringAreRejected() {
        assertEquals("json: raw control character U+0001 in a string (must be escaped) at offset 2",
                parseError("\"a\u0001\""));
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

    @Test
    void misspelledLiteralsAreRejected() {
        assertEquals("json: expected null at offset 0", parseError("nul"));
        assertEquals("json: expected true at offset 1", parseError("[tru]"));
    }
}
