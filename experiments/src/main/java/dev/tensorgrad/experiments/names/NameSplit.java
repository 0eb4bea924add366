package dev.tensorgrad.experiments.names;

import dev.tensorgrad.experiments.data.NamesDataset;
import dev.tensorgrad.experiments.data.NamesDataset.Entry;
import dev.tensorgrad.tensor.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A train/test split of the surnames that keeps every spelling on one side.
 *
 * <p>The unit of the split is the distinct name string, not the (name, language) entry: a name
 * filed under several languages (e.g. "Abel" under English, French and German) goes to train or to
 * test with all its entries, so the test set never asks about a spelling the model was trained on.
 * The split is stratified: each name is counted under its first language in sorted order, and in
 * each language {@code testFraction} of its names, chosen by a seeded permutation, go to test.
 *
 * @param train the training entries, languages in sorted order, names sorted within them
 * @param test  the test entries, in the same order
 */
public record NameSplit(List<Entry> train, List<Entry> test) {

    /** Copies the lists. */
    public NameSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /**
     * Splits deduplicated data: about {@code testFraction} of each language's names go to test.
     *
     * @throws IllegalArgumentException if testFraction is outside (0, 1)
     */
    public static NameSplit stratified(NamesDataset data, double testFraction, Rng rng) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: test fraction must be in (0, 1), got " + testFraction);
        }
        // name -> its entries; TreeMaps so that the order (and so the permutation's effect) is fixed.
        Map<String, List<Entry>> byName = new TreeMap<>();
        for (Entry e : data.deduplicated().entries()) {
            byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        }
        Map<String, List<String>> namesByStratum = new TreeMap<>();
        for (Map.Entry<String, List<Entry>> e : byName.entrySet()) {
            String stratum = e.getValue().stream().map(Entry::language).sorted().findFirst().orElseThrow();
            namesByStratum.computeIfAbsent(stratum, k -> new ArrayList<>()).add(e.getKey());
        }
        List<Entry> train = new ArrayList<>();
        List<Entry> test = new ArrayList<>();
        for (List<String> names : namesByStratum.values()) {
            int[] order = rng.permutation(names.size());
            int nTest = (int) Math.round(testFraction * names.size());
            boolean[] inTest = new boolean[names.size()];
            for (int i = 0; i < nTest; i++) {
                inTest[order[i]] = true;
            }
            for (int i = 0; i < names.size(); i++) {
                (inTest[i] ? test : train).addAll(byName.get(names.get(i)));
            }
        }
        return new NameSplit(sorted(train, data), sorted(test, data));
    }

    private static List<Entry> sorted(List<Entry> entries, NamesDataset data) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort((a, b) -> a.language().equals(b.language())
                ? a.name().compareTo(b.name())
                : Integer.compare(data.label(a.language()), data.label(b.language())));
        return copy;
    }
}
