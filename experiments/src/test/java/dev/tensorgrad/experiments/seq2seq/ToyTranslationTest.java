package dev.tensorgrad.experiments.seq2seq;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToyTranslationTest {

    private final ToyTranslation task = new ToyTranslation();

    @Test
    void translationMovesTheAdjectiveBeforeTheNoun() {
        ToyTranslation.Pair pair = task.allPairs().stream()
                .filter(p -> p.source().equals(List.of("yo", "veo", "un", "perro", "grande"))).findFirst().orElseThrow();
        assertEquals(List.of("I", "see", "a", "big", "dog"), pair.target());
    }

    @Test
    void everyCombinationOfTheWordListsIsOneSentence() {
        // 5 subjects x 6 verbs x 2 determiners x 8 nouns x (no adjective + 6 adjectives).
        assertEquals(5 * 6 * 2 * 8 * 7, task.allPairs().size());
        assertEquals(task.allPairs().size(), task.allPairs().stream().distinct().count());
    }

    @Test
    void teacherForcedInputsAreTheTargetsShiftedRightAfterSos() {
        List<String> target = List.of("I", "see", "a", "dog");
        int[] inputs = task.teacherForcedInputs(target);
        int[] targets = task.decoderTargets(target);
        assertEquals(task.sos(), inputs[0]);
        assertEquals(task.eos(), targets[targets.length - 1]);
        for (int t = 1; t < inputs.length; t++) {
            assertEquals(targets[t - 1], inputs[t]);
        }
        assertEquals("dog", task.targetWord(inputs[4]));
    }

    @Test
    void unknownWordIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task.encodeSource(List.of("yo", "como")));
        assertTrue(e.getMessage().contains("como"), e.getMessage());
    }

    @Test
    void sourceIndicesFollowTheWordLists() {
        assertArrayEquals(new int[]{0, 5}, task.encodeSource(List.of("yo", "veo")));
    }
}
