package dev.tensorgrad.experiments.names;

import dev.tensorgrad.experiments.data.NamesDataset;
import dev.tensorgrad.experiments.data.NamesDataset.Entry;
import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameSplitTest {

    /** Ten names per language for three languages, with "Abel" under two of them and one repeat. */
    private static NamesDataset toy() {
        List<Entry> entries = new ArrayList<>();
        for (String lang : List.of("A", "B", "C")) {
            for (int i = 0; i < 10; i++) {
                entries.add(new Entry(lang + i, lang));
            }
        }
        entries.add(new Entry("Abel", "A"));
        entries.add(new Entry("Abel", "B"));
        entries.add(new Entry("A0", "A"));
        return new NamesDataset(entries, List.of("A", "B", "C"));
    }

    @Test
    void noSpellingIsOnBothSides() {
        NameSplit split = NameSplit.stratified(toy(), 0.2, new Rng(3));
        Set<String> trainNames = new HashSet<>();
        split.train().forEach(e -> trainNames.add(e.name()));
        split.test().forEach(e -> assertTrue(!trainNames.contains(e.name()), e.name() + " is on both sides"));
    }

    @Test
    void keepsEveryDistinctPairOnceAndDropsRepeats() {
        NameSplit split = NameSplit.stratified(toy(), 0.2, new Rng(3));
        Set<Entry> all = new HashSet<>(split.train());
        all.addAll(split.test());
        assertEquals(32, split.train().size() + split.test().size());
        assertEquals(32, all.size());
    }

    @Test
    void putsTheFractionOfEachLanguagesNamesInTest() {
        NameSplit split = NameSplit.stratified(toy(), 0.2, new Rng(3));
        // Language C has 10 names: round(0.2 * 10) = 2 of them in test; A holds Abel too (11 names, 2 in test).
        assertEquals(2, split.test().stream().filter(e -> e.language().equals("C")).count());
        long aSpellings = split.test().stream().filter(e -> e.language().equals("A")).count();
        assertEquals(2, aSpellings);
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        assertEquals(NameSplit.stratified(toy(), 0.2, new Rng(7)), NameSplit.stratified(toy(), 0.2, new Rng(7)));
    }
}
