package io.dqmonitor.pipeline;

import java.time.Clock;
import java.time.Instant;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.integrity.StreamIntegrity;
import io.dqmonitor.partitions.HeartbeatTopics;
import io.dqmonitor.report.TableStatistics;
import io.dqmonitor.rules.RuleMetrics;
import io.dqmonitor.schema.SchemaMetrics;
import io.dqmonitor.sourcelog.BinlogPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Counts a stored batch in memory: metrics and the per-table statistics. */
@Component
class BatchAccounting {

    private static final Logger log = LoggerFactory.getLogger(BatchAccounting.class);

    private final TableStatistics statistics;
    private final PipelineMetrics metrics;
    private final RuleMetrics rules;
    private final SchemaMetrics schemaMetrics;
    private final PartitionOwnership ownership;
    private final Clock clock;
    private final StreamIntegrity integrity;
    private final BinlogPositions binlogPositions;
    private final Set<String> tablesSeen = ConcurrentHashMap.newKeySet();

    BatchAccounting(TableStatistics statistics,
            PipelineMetrics metrics, RuleMetrics rules, SchemaMetrics schemaMetrics, PartitionOwnership ownership,
            Clock clock, StreamIntegrity integrity, BinlogPositions binlogPositions) {
        this.binlogPositions = binlogPositions;
        this.integrity = integrity;
        this.statistics = statistics;
        this.metrics = metrics;
        this.rules = rules;
        this.schemaMetrics = schemaMetrics;
        this.ownership = ownership;
        this.clock = clock;
    }

    /**
     * Counts the batch. Its effects
     * are stored and its offsets about to be committed, so a failure here (a bug) is logged and counted as
     * {@code dq_batch_failures_total{stage="accounting"}}, not thrown: a retry would count the batch twice.
     */
    void account(CheckedBatch batch) {
        try {
            count(batch);
        } catch (RuntimeException e) {
            log.error("Counting a stored batch of {} events failed; metrics and statistics may miss some of it",
                    batch.events().size(), e);
            metrics.batchFailed(PipelineHealth.ACCOUNTING);
        }
    }

    private void count(CheckedBatch batch) {
        Instant now = clock.instant();
        for (CheckedBatch.Checked c : batch.events()) {
            ChangeEvent event = c.event();
            String connector = SourceClock.connector(c.origin().topic());
            if (tablesSeen.add(event.table())) {
                metrics.tableSeen(event.table());
                metrics.tableSeen(connector, event.table());
                schemaMetrics.tableSeen(event.table());
            }
            ownership.tableRead(c.origin().topic(), event.table());
            if (c.aheadOfClock()) {
                metrics.sourceTimeAhead(connector, event.table());
            }
            statistics.record(event, c.evaluation(), c.schemaChanges());
            integrity.observe(connector, c.origin().topic(), c.origin().partition(), c.origin().offset(), event,
                    c.position().fingerprint());
            binlogPositions.stored(event.table(), event.position());
            metrics.eventProcessed(event.table(), event.op(), event.sourceTimestamp(), c.origin().inKafkaAt(), now);
            c.evaluation().violations().forEach(v -> rules.violation(event.table(), v.column(), v.rule()));
            c.evaluation().skipped().forEach(reason -> rules.ruleSkipped(event.table(), reason));
            c.schemaChanges().forEach(s -> schemaMetrics.schemaChange(event.table(), s.change()));
        }
        batch.rejections().forEach(r -> metrics.rejected(r.reason().reason()));
        for (CheckedBatch.Other other : batch.others()) {
            if (other.parsed() instanceof ParsedRecord.Heartbeat heartbeat) {
                String connector = HeartbeatTopics.connector(other.topic());
                ownership.heartbeatRead(other.topic(), connector);
                metrics.heartbeat(connector, heartbeat.timestamp());
                metrics.skipped(ParsedRecord.SkipReason.HEARTBEAT);
            } else {
                if (other.aheadOfClock()) {
                    metrics.sourceTimeAhead(HeartbeatTopics.connector(other.topic()), PipelineMetrics.HEARTBEATS);
                }
                metrics.skipped(((ParsedRecord.Skipped) other.parsed()).reason());
            }
        }
    }

    /** A record the error handler dead-lettered because its effects could never be stored. */
    void unprocessable() {
        metrics.rejected(ParsedRecord.RejectReason.UNPROCESSABLE);
    }
}
