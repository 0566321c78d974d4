package io.dqmonitor.ruleconfig;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whose columns are being read: a table's own ({@code table} set), where {@code pii} belongs and contracts may
 * have given settings, or a when block's.
 */
record ColumnOwner(String table, Function<String, String> clauses) {

    static final ColumnOwner WHEN_BLOCK = new ColumnOwner(null, setting -> null);

    boolean isTable() {
        return table != null;
    }

    /** The contract clauses among a check's keys, one after the other; null when all its keys are native. */
    String clauseOf(String column, Set<String> keys) {
        if (table == null) {
            return null;
        }
        String found = keys.stream().map(key -> clauses.apply(table + "/columns/" + column + "/" + key))
                .filter(Objects::nonNull).distinct()
                .collect(Collectors.joining("; "));
        return found.isEmpty() ? null : found;
    }
}
