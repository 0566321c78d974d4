package io.dqmonitor.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.completeness.RowCountLedger;
import io.dqmonitor.metrics.DqMetrics;
import io.dqmonitor.quality.SchemaChange;
import io.dqmonitor.quality.TableStatistics;
import org.springframework.stereotype.Component;

/** Counts a stored batch: metrics, the completeness ledger and the per-table statistics. */
@Component
class BatchAccounting {

    private final RowCountLedger ledger;
    private final TableStatistics statistics;
    private final DqMetrics metrics;
    private final Clock clock;
    private final Set<String> tablesSeen = ConcurrentHashMap.newKeySet();

    BatchAccounting(RowCountLedger ledger, TableStatistics statistics, DqMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.statistics = statistics;
        this.metrics = metrics;
        this.clock = clock;
        // every reason starts at zero, so that rate() and increase() see the first bad record
        Arrays.stream(ParsedRecord.RejectReason.values()).forEach(r -> metrics.rejectedCounter(r.label()));
        Arrays.stream(ParsedRecord.SkipReason.values()).forEach(s -> metrics.skippedCounter(s.label()));
    }

    void account(CheckedBatch batch) {
        Instant now = clock.instant();
        for (CheckedBatch.Checked c : batch.events()) {
            ChangeEvent event = c.event();
            if (tablesSeen.add(event.table())) {
                startAtZero(event.table());
            }
            ledger.record(event, c.record().topic(), c.record().partition(), c.record().offset());
            statistics.record(event, c.evaluation(), c.schemaChanges());
            metrics.eventProcessed(event.table(), event.op().label(), event.sourceTimestamp(), now);
            c.evaluation().violations().forEach(v -> metrics.recordViolation(event.table(), v.column(), v.rule()));
            c.evaluation().skipped().forEach(reason -> metrics.recordRuleSkipped(event.table(), reason));
            c.schemaChanges().forEach(s -> metrics.recordSchemaChange(event.table(), s.change()));
        }
        batch.rejections().forEach(r -> metrics.recordRejected(r.reason().reason().label()));
        for (ParsedRecord other : batch.others()) {
            if (other instanceof ParsedRecord.Heartbeat heartbeat) {
                metrics.heartbeat(heartbeat.timestamp());
                metrics.recordSkipped(ParsedRecord.SkipReason.HEARTBEAT.label());
            } else {
                metrics.recordSkipped(((ParsedRecord.Skipped) other).reason().label());
            }
        }
    }

    /** A record the error handler dead-lettered because its effects could never be stored. */
    void unprocessable() {
        metrics.recordRejected(ParsedRecord.RejectReason.UNPROCESSABLE.label());
    }

    /** A table's counters exist from its first event on, so that the first delete or schema change shows in rate(). */
    private void startAtZero(String table) {
        Arrays.stream(Op.values()).forEach(op -> metrics.eventCounter(table, op.label()));
        SchemaChange.CHANGES.forEach(change -> metrics.schemaChangeCounter(table, change));
    }
}
