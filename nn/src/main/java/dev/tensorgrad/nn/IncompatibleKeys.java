package dev.tensorgrad.nn;

import java.util.List;

/**
 * What {@link Module#loadStateDict(java.util.Map, boolean)} could not match, as PyTorch's
 * {@code IncompatibleKeys}: the module's names the state lacked, and the state's names the module
 * does not have. Both lists are unmodifiable, in the order of the module and of the state.
 *
 * @param missingKeys names of parameters that were left as they were
 * @param unexpectedKeys names in the state that were not loaded
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
    /** Copies both lists, so the record cannot change afterwards. */
    public IncompatibleKeys {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /** Whether every key matched. */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
    }
}
