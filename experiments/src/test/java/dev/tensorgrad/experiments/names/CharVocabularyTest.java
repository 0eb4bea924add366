package dev.tensorgrad.experiments.names;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharVocabularyTest {

    @Test
    void indicesFollowSortedCharacters() {
        CharVocabulary v = CharVocabulary.of(List.of("ba", "ł"));
        // Sorted code points: 'a' (0x61), 'b' (0x62), 'ł' (0x142).
        assertArrayEquals(new int[]{2, 0, 1}, v.encode("łab"));
    }

    @Test
    void survivesARoundTripThroughItsString() {
        CharVocabulary v = CharVocabulary.of(List.of("Müller", "O'Neill", "Żak"));
        assertEquals(v, CharVocabulary.parse(v.asString()));
    }

    @Test
    void unknownCharacterIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CharVocabulary.of(List.of("abc")).encode("abd"));
        assertTrue(e.getMessage().contains("'d'") && e.getMessage().contains("U+0064"), e.getMessage());
    }

    @Test
    void emptyNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of(List.of("abc")).encode(""));
    }
}
