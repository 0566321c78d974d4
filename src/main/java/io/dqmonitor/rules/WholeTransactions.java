package io.dqmonitor.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.dqmonitor.cdc.ChangeEvent;

/**
 * The transactions a batch holds whole and within their table's limit, which need no window. In a table whose changes
 * come in one ordered stream ({@link TableLimits.Change#ordered()}), a transaction's changes are consecutive: a run
 * of one transaction's changes with a change of another transaction of the same table before it and after it in the
 * batch is the whole transaction. If the run is no longer than the limit, none of its changes can cross it, on this
 * instance or any other, now or when the batch is read again, so claiming places for them would only cost Redis
 * round trips and keys (most transactions change one row). Any other transaction is claimed change by change.
 */
final class WholeTransactions {

    private WholeTransactions() {
    }

    /** For each change, whether its transaction is whole in the batch and within the limit {@code limitOf} gives. */
    static boolean[] within(List<TableLimits.Change> changes, Function<String, Integer> limitOf) {
        boolean[] settled = new boolean[changes.size()];
        Map<String, List<Integer>> byTable = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            TableLimits.Change change = changes.get(i);
            if (change.ordered()) {
                byTable.computeIfAbsent(change.event().table(), t -> new ArrayList<>()).add(i);
            }
        }
        byTable.forEach((table, indices) -> {
            Integer limit = limitOf.apply(table);
            if (limit != null) {
                markRuns(changes, indices, limit, settled);
            }
        });
        return settled;
    }

    /** Marks the runs between a change of another transaction before and one after, no longer than the limit. */
    private static void markRuns(List<TableLimits.Change> changes, List<Integer> indices, int limit,
            boolean[] settled) {
        int start = 0;
        while (start < indices.size()) {
            String transaction = transaction(changes.get(indices.get(start)).event());
            int end = start;
            while (end + 1 < indices.size()
                    && Objects.equals(transaction(changes.get(indices.get(end + 1)).event()), transaction)) {
                end++;
            }
            boolean whole = start > 0 && end < indices.size() - 1;
            if (transaction != null && whole && end - start + 1 <= limit) {
                for (int k = start; k <= end; k++) {
                    settled[indices.get(k)] = true;
                }
            }
            start = end + 1;
        }
    }

    private static String transaction(ChangeEvent event) {
        return event.position().transaction();
    }
}
