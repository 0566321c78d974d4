package io.dqmonitor.rules;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.SourcePosition;

/**
 * Table-level limits: deletes per minute of source commit time, and rows per source transaction (PostgreSQL's
 * transaction id, the binlog GTID or first-event position, MongoDB's session and transaction number). Each window counts
 * distinct changes by their source position, so a batch that is retried, or events that are delivered again, land on
 * the same rank and report the same single violation: the change that went one over the limit.
 */
final class BlastRadius {

    static final String MAX_DELETES = "max_deletes_per_minute";
    static final String MAX_ROWS = "max_rows_per_transaction";
    private static final int TRANSACTIONS_KEPT = 10_000;
    private static final long MINUTES_KEPT = 10;

    private final Map<String, Map<SourcePosition.Key, Integer>> deleteWindows = new HashMap<>();
    private final Map<String, Map<SourcePosition.Key, Integer>> transactions = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<SourcePosition.Key, Integer>> eldest) {
            return size() > TRANSACTIONS_KEPT;
        }
    };

    synchronized List<Violation> observe(TableRules rules, ChangeEvent event) {
        SourcePosition.Key position = SourcePosition.Key.of(event);
        Optional<Violation> deletes = Optional.empty();
        if (rules.maxDeletesPerMinute() != null && event.op() == Op.DELETE && event.sourceTimestamp() != null) {
            Instant minute = event.sourceTimestamp().truncatedTo(ChronoUnit.MINUTES);
            prune(minute);
            deletes = overLimit(deleteWindows, rules.table() + '|' + minute, position, rules.maxDeletesPerMinute(),
                    () -> new Violation(TableRules.TABLE_COLUMN, MAX_DELETES, minute.toString()));
        }
        Optional<Violation> rows = Optional.empty();
        String transaction = event.position().transaction();
        if (rules.maxRowsPerTransaction() != null && transaction != null && event.op() != Op.READ
                && event.op() != Op.TRUNCATE) {
            rows = overLimit(transactions, rules.table() + '|' + transaction, position, rules.maxRowsPerTransaction(),
                    () -> new Violation(TableRules.TABLE_COLUMN, MAX_ROWS, "txId " + transaction));
        }
        return java.util.stream.Stream.of(deletes, rows).flatMap(Optional::stream).toList();
    }

    private static Optional<Violation> overLimit(Map<String, Map<SourcePosition.Key, Integer>> windows, String window,
            SourcePosition.Key position, int limit, java.util.function.Supplier<Violation> violation) {
        Map<SourcePosition.Key, Integer> ranks = windows.computeIfAbsent(window, w -> new HashMap<>());
        // ranks beyond limit + 1 are never needed: only the change that crossed the limit is reported
        Integer rank = ranks.get(position);
        if (rank == null && ranks.size() <= limit) {
            rank = ranks.size();
            ranks.put(position, rank);
        }
        return rank != null && rank == limit ? Optional.of(violation.get()) : Optional.empty();
    }

    private void prune(Instant minute) {
        String oldest = minute.minus(MINUTES_KEPT, ChronoUnit.MINUTES).toString();
        deleteWindows.keySet().removeIf(key -> key.substring(key.lastIndexOf('|') + 1).compareTo(oldest) < 0);
    }
}
