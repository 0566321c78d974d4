package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;

/** Builds one kind of column rule from the configuration keys it owns, e.g. {@code min} and {@code max}. */
public interface RuleFactory {

    /** The configuration keys this factory reads; every key a column declares must belong to exactly one factory. */
    Set<String> keys();

    /** The rule, or empty when the settings switch it off (e.g. {@code not-null: false}). */
    Optional<ColumnRule> create(RuleSettings settings);
}
