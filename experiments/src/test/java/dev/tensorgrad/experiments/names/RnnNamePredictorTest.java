package dev.tensorgrad.experiments.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tensorgrad.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class RnnNamePredictorTest {

    @Test
    void languageNameWithACommaIsRejectedSinceTheSavedListCouldNotBeReadBack() {
        CharVocabulary vocabulary = CharVocabulary.of(List.of("ab"));
        CharRnnClassifier model = new CharRnnClassifier(vocabulary.size(), 2, 3, 2, new Rng(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RnnNamePredictor(model, vocabulary, List.of("Irish", "Scots,Gaelic"), 2, 3));
        assertEquals("RnnNamePredictor: language 'Scots,Gaelic' contains a comma, which separates the languages"
                + " in the saved checkpoint", e.getMessage());
    }
}
