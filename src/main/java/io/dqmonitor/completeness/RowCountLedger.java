package io.dqmonitor.completeness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Position;
import org.springframework.stereotype.Component;

/**
 * The row count each table should have according to the change stream: a baseline {@code count(*)} taken in a
 * snapshot, plus creates and snapshot reads, minus deletes, of every change that snapshot does not see: by transaction
 * visibility for PostgreSQL (which keeps transactions in flight at the baseline exact), by binlog position for MySQL
 * and MariaDB ({@link SourceSnapshot}).
 * A truncate starts the count again from zero. Each Kafka record is counted once, however often it is delivered.
 * <p>
 * A check's count is settled one check later: by then every event its snapshot saw has had a whole interval to
 * arrive, so rows still on their way under steady writes do not show as drift, while a lost event does, for good.
 */
@Component
public class RowCountLedger {

    private final Map<String, Ledger> tables = new HashMap<>();
    private final Map<String, Long> lastOffsets = new HashMap<>();

    private static final class Ledger {
        private long baselineCount;
        private SourceSnapshot baseline;
        private long net;
        /** Checks whose events are still being accounted for: the one settling next and any under way. */
        private final List<Check> checks = new ArrayList<>();
        private Check settling;
    }

    /** One completeness check of a table: begun before its snapshot is taken, completed with the snapshot's count. */
    static final class Check {
        private final String table;
        private long tally;
        private long count;
        private SourceSnapshot snapshot;
        /** Events that arrived before the snapshot was known, with their row deltas. */
        private final List<Unclassified> unclassified = new ArrayList<>();

        private Check(String table, long tally) {
            this.table = table;
            this.tally = tally;
        }

        private void account(Position position, long delta) {
            if (snapshot == null) {
                unclassified.add(new Unclassified(position, delta));
            } else if (snapshot.sees(position)) {
                tally += delta;
            }
        }
    }

    private record Unclassified(Position position, long delta) {
    }

    /** Counts one event, called once its batch is stored; a record at or before the last one counted is ignored. */
    public synchronized void record(ChangeEvent event, String topic, int partition, long offset) {
        String position = topic + '-' + partition;
        if (offset <= lastOffsets.getOrDefault(position, -1L)) {
            return;
        }
        lastOffsets.put(position, offset);
        Ledger ledger = tables.get(event.table());
        if (ledger == null || !ledger.baseline.orders(event.position()) || ledger.baseline.sees(event.position())) {
            return;
        }
        long delta = switch (event.op()) {
            case CREATE, READ -> 1;
            case DELETE -> -1;
            case UPDATE -> 0;
            case TRUNCATE -> {
                // the stream is in commit order: every later event belongs to a transaction after the truncate;
                // checks under way counted rows from both sides of it, so they are dropped
                ledger.baselineCount = 0;
                ledger.baseline = ledger.baseline.nothing();
                ledger.net = 0;
                ledger.checks.clear();
                ledger.settling = null;
                yield 0;
            }
        };
        if (delta != 0) {
            ledger.net += delta;
            ledger.checks.forEach(check -> check.account(event.position(), delta));
        }
    }

    /** Starts a check; every event recorded from now on is classified against the snapshot the check then takes. */
    synchronized Check begin(String table) {
        Ledger ledger = tables.get(table);
        Check check = new Check(table, ledger == null ? 0 : ledger.net);
        if (ledger != null) {
            // checks run one at a time: one still without a snapshot failed and will never complete
            ledger.checks.removeIf(c -> c.snapshot == null);
            ledger.checks.add(check);
        }
        return check;
    }

    /**
     * Completes a check with the count its snapshot saw. The first check of a table is its baseline; every later one
     * settles the previous check and returns its drift: rows counted minus rows the stream accounts for.
     */
    synchronized OptionalLong complete(Check check, long count, SourceSnapshot snapshot) {
        Ledger ledger = tables.get(check.table);
        if (ledger == null) {
            ledger = new Ledger();
            ledger.baselineCount = count;
            ledger.baseline = snapshot;
            tables.put(check.table, ledger);
            return OptionalLong.empty();
        }
        if (!ledger.checks.contains(check)) {
            return OptionalLong.empty();
        }
        check.count = count;
        check.snapshot = snapshot;
        check.unclassified.forEach(e -> check.account(e.position(), e.delta()));
        check.unclassified.clear();
        Check settled = ledger.settling;
        ledger.checks.remove(settled);
        ledger.settling = check;
        return settled == null ? OptionalLong.empty()
                : OptionalLong.of(settled.count - ledger.baselineCount - settled.tally);
    }
}
