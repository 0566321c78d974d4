package io.dqmonitor.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ChangeRecordHandler;
import io.dqmonitor.cdc.DeadLetterPublisher.Rejection;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.completeness.RowCountLedger;
import io.dqmonitor.history.ViolationLog;
import io.dqmonitor.metrics.DqMetrics;
import io.dqmonitor.quality.Evaluation;
import io.dqmonitor.quality.RuleEvaluator;
import io.dqmonitor.quality.SchemaChange;
import io.dqmonitor.quality.SchemaTracker;
import io.dqmonitor.quality.TableStatistics;
import io.dqmonitor.recent.RecentChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * One batch, start to end: parse every record, evaluate the rules and track the schema, store the violation history
 * and the recent changes, dead-letter what cannot be parsed, and only then count. A failure anywhere before the
 * counting throws, and the whole batch is tried again, so nothing counted runs ahead of what is stored.
 */
@Component
class ChangeBatchHandler implements ChangeRecordHandler {

    private final ChangeEventParser parser;
    private final RuleEvaluator evaluator;
    private final SchemaTracker schemas;
    private final BatchEffects effects;
    private final RowCountLedger ledger;
    private final TableStatistics statistics;
    private final DqMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> tablesSeen = ConcurrentHashMap.newKeySet();

    ChangeBatchHandler(ChangeEventParser parser, RuleEvaluator evaluator, SchemaTracker schemas, BatchEffects effects,
            RowCountLedger ledger, TableStatistics statistics, DqMetrics metrics) {
        this.parser = parser;
        this.evaluator = evaluator;
        this.schemas = schemas;
        this.effects = effects;
        this.ledger = ledger;
        this.statistics = statistics;
        this.metrics = metrics;
        // every reason starts at zero, so that rate() and increase() see the first bad record
        Arrays.stream(ParsedRecord.RejectReason.values()).forEach(r -> metrics.rejectedCounter(r.label()));
        Arrays.stream(ParsedRecord.SkipReason.values()).forEach(s -> metrics.skippedCounter(s.label()));
    }

    private record Checked(ConsumerRecord<byte[], byte[]> record, ChangeEvent event, Evaluation evaluation,
            List<SchemaChange> schemaChanges) {

        boolean leavesHistory() {
            return !evaluation.violations().isEmpty() || !schemaChanges.isEmpty();
        }
    }

    @Override
    public void handle(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Checked> checked = new ArrayList<>(records.size());
        List<Rejection> rejections = new ArrayList<>();
        List<ParsedRecord> others = new ArrayList<>();
        SchemaTracker.Session schemaSession = schemas.session();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParsedRecord parsed = parser.parse(record.key(), record.value());
            if (parsed instanceof ParsedRecord.Event e) {
                checked.add(new Checked(record, e.event(), evaluator.evaluate(e.event()), schemaSession.observe(e.event())));
            } else if (parsed instanceof ParsedRecord.Rejected rejected) {
                rejections.add(new Rejection(record, rejected));
            } else {
                others.add(parsed);
            }
        }
        effects.store(checked.stream().filter(Checked::leavesHistory)
                        .map(c -> new ViolationLog.Entry(c.event(), SourcePosition.of(c.event()),
                                c.evaluation().violations(), c.schemaChanges()))
                        .toList(),
                recentChanges(checked), rejections);
        schemaSession.commit();
        account(checked, rejections, others);
    }

    /**
     * The recent-changes store keeps only the newest entries of a batch (100 by default, of up to 2,000 records): this
     * view builds an entry, with its source position, only when the store reads it.
     */
    private static List<RecentChange> recentChanges(List<Checked> checked) {
        return new AbstractList<>() {
            @Override
            public RecentChange get(int index) {
                Checked c = checked.get(index);
                return RecentChange.of(c.event(), SourcePosition.of(c.event()), c.evaluation().violations());
            }

            @Override
            public int size() {
                return checked.size();
            }
        };
    }

    /** A table's counters exist from its first event on, so that the first delete or schema change shows in rate(). */
    private void startAtZero(String table) {
        Arrays.stream(Op.values()).forEach(op -> metrics.eventCounter(table, op.label()));
        SchemaChange.CHANGES.forEach(change -> metrics.schemaChangeCounter(table, change));
    }

    private void account(List<Checked> checked, List<Rejection> rejections, List<ParsedRecord> others) {
        Instant now = clock.instant();
        for (Checked c : checked) {
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
        rejections.forEach(r -> metrics.recordRejected(r.reason().reason().label()));
        for (ParsedRecord other : others) {
            if (other instanceof ParsedRecord.Heartbeat heartbeat) {
                metrics.heartbeat(heartbeat.timestamp());
                metrics.recordSkipped(ParsedRecord.SkipReason.HEARTBEAT.label());
            } else {
                metrics.recordSkipped(((ParsedRecord.Skipped) other).reason().label());
            }
        }
    }
}
