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
    void everyNumberIsReadAsADouble() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("n", 3.0);
        // 2^53 + 1 has no double: it is read as the nearest one, 2^53.
        expected.put("xs", List.of(1.0, -0.5, Map.of("big", 9007199254740992.0)));
        assertEquals(expected, Json.parse("{\"n\": 3, \"xs\": [1, -0.5, {\"big\": 9007199254740993}]}"));
    }

    @Test
    void parseErrorsAreTheStrictReadersNamingTheOffset() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,}"));
        assertEquals("json: expected a string key at offset 8", e.getMessage());
    }
}
