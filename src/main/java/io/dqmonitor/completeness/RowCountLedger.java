package io.dqmonitor.completeness;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.dqmonitor.cdc.ChangeEvent;
import org.springframework.stereotype.Component;

/**
 * The row count each table should have according to the change stream: a baseline {@code count(*)} taken in a
 * snapshot, plus creates and snapshot reads, minus deletes, of every transaction that snapshot does not see. Deciding
 * by transaction visibility rather than by WAL position keeps transactions that were in flight at the baseline exact.
 * A truncate starts the count again from zero. Each Kafka record is counted once, however often it is delivered.
 */
@Component
public class RowCountLedger {

    private final Map<String, Ledger> tables = new HashMap<>();
    private final Map<String, Long> lastOffsets = new HashMap<>();

    private static final class Ledger {
        private long baselineCount;
        private TransactionSnapshot baseline;
        private long net;
    }

    /** Counts one event, called once its batch is stored; a record at or before the last one counted is ignored. */
    public synchronized void record(ChangeEvent event, String topic, int partition, long offset) {
        String position = topic + '-' + partition;
        if (offset <= lastOffsets.getOrDefault(position, -1L)) {
            return;
        }
        lastOffsets.put(position, offset);
        Ledger ledger = tables.get(event.table());
        if (ledger == null || event.txId() == null || ledger.baseline.sees(event.txId())) {
            return;
        }
        switch (event.op()) {
            case CREATE, READ -> ledger.net++;
            case DELETE -> ledger.net--;
            case TRUNCATE -> {
                // the stream is in commit order: every later event belongs to a transaction after the truncate
                ledger.baselineCount = 0;
                ledger.baseline = TransactionSnapshot.NOTHING;
                ledger.net = 0;
            }
            default -> {
                // an update changes no row count
            }
        }
    }

    synchronized boolean hasBaseline(String table) {
        return tables.containsKey(table);
    }

    synchronized void baseline(String table, long count, TransactionSnapshot snapshot) {
        Ledger ledger = new Ledger();
        ledger.baselineCount = count;
        ledger.baseline = snapshot;
        tables.put(table, ledger);
    }

    /** Rows in the table minus rows the stream accounts for; empty before a baseline was taken. */
    synchronized OptionalLong drift(String table, long countNow) {
        Ledger ledger = tables.get(table);
        return ledger == null ? OptionalLong.empty() : OptionalLong.of(countNow - ledger.baselineCount - ledger.net);
    }
}
