package io.dqmonitor.rules;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.SourcePosition;

/**
 * Limits over many changes: a table's deletes per minute of source commit time, its rows per source transaction
 * (PostgreSQL's transaction id, the binlog GTID or first-event position, MongoDB's session and transaction number), and
 * its columns' thresholds ({@link ThresholdWindows}). Each window counts distinct changes by their identity in
 * {@link LimitWindows}, shared by every instance: a batch that is retried, events delivered again or read by another
 * instance after a rebalance land on the same place and report the same single violation, the change that crossed the
 * limit, however the window's changes are spread over partitions.
 */
public final class TableLimits {

    static final String MAX_DELETES = "max_deletes_per_minute";
    static final String MAX_ROWS = "max_rows_per_transaction";

    private final RulesInForce rules;
    private final LimitWindows windows;
    private final RuleMetrics metrics;

    public TableLimits(RulesInForce rules, LimitWindows windows, RuleMetrics metrics) {
        this.rules = rules;
        this.windows = windows;
        this.metrics = metrics;
    }

    /**
     * A change event, its source position (whose id a claim is made with), and whether its table's changes come in one
     * ordered stream (the table's topic has one partition): then a transaction's changes are consecutive among the
     * table's changes, as Debezium writes a transaction's changes one after the other in commit order.
     */
    public record Change(ChangeEvent event, SourcePosition position, boolean ordered) {

        /** A change whose table's changes may be spread over several partitions. */
        public Change(ChangeEvent event, SourcePosition position) {
            this(event, position, false);
        }
    }

    /** The limit violations of each change, in order: one round trip to the windows for the whole batch. */
    public List<List<Violation>> check(List<Change> changes) {
        List<LimitWindows.Claim> claims = new ArrayList<>();
        List<Claimed> claimed = new ArrayList<>();
        ThresholdWindows thresholds = new ThresholdWindows();
        boolean[] settled = WholeTransactions.within(changes, this::maxRowsPerTransaction);
        for (int i = 0; i < changes.size(); i++) {
            ChangeEvent event = changes.get(i).event();
            TableRules table = rules.tables().get(event.table());
            if (table != null) {
                claim(table, event, changes.get(i).position(), i, !settled[i], claims, claimed);
                thresholds.add(table, event, changes.get(i).position(), i);
            }
        }
        // nearly every change breaks no limit: one list is made only for a change that does
        List<List<Violation>> violations = new ArrayList<>(java.util.Collections.nCopies(changes.size(), List.of()));
        thresholds.count(windows, violations, metrics);
        if (claims.isEmpty()) {
            return violations;
        }
        int[] places = windows.places(claims);
        for (int c = 0; c < claims.size(); c++) {
            if (places[c] == claims.get(c).limit()) {
                int change = claimed.get(c).change();
                List<Violation> over = new ArrayList<>(violations.get(change));
                over.add(claimed.get(c).violation());
                violations.set(change, over);
            }
        }
        return violations;
    }

    /** A claim of a change on a window; its violation is made only for a change that goes over the limit. */
    private record Claimed(int change, String rule, String detail) {

        Violation violation() {
            return new Violation(TableRules.TABLE_COLUMN, rule,
                    rule.equals(MAX_ROWS) ? "txId " + detail : detail);
        }
    }

    private Integer maxRowsPerTransaction(String table) {
        TableRules rulesOfTable = rules.tables().get(table);
        return rulesOfTable == null ? null : rulesOfTable.maxRowsPerTransaction();
    }

    private static void claim(TableRules table, ChangeEvent event, SourcePosition position, int index,
            boolean inOpenTransaction, List<LimitWindows.Claim> claims, List<Claimed> claimed) {
        if (table.maxDeletesPerMinute() != null && event.op() == Op.DELETE && event.sourceTimestamp() != null) {
            String minute = event.sourceTimestamp().truncatedTo(ChronoUnit.MINUTES).toString();
            claims.add(new LimitWindows.Claim(table.table() + ":deletes:" + minute, position.id(),
                    table.maxDeletesPerMinute()));
            claimed.add(new Claimed(index, MAX_DELETES, minute));
        }
        String transaction = event.position().transaction();
        if (table.maxRowsPerTransaction() != null && transaction != null && event.op() != Op.READ
                && event.op() != Op.TRUNCATE && inOpenTransaction) {
            claims.add(new LimitWindows.Claim(table.table() + ":tx:" + transaction, position.id(),
                    table.maxRowsPerTransaction()));
            claimed.add(new Claimed(index, MAX_ROWS, transaction));
        }
    }
}
