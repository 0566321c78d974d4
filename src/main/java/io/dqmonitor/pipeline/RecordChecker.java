package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.formats.RecordReader;
import io.dqmonitor.formats.RegistryUnavailableException;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.privacy.Masker;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.rules.Evaluation;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.schema.SchemaChange;
import io.dqmonitor.schema.SchemaTracker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Parses each record of a batch and checks each change event against the rules in force. The rules see the raw event;
 * what it hands on is masked: personal columns ({@code pii:}) never reach a store, a response or a log line unmasked.
 * <p>
 * It writes one thing: a column change claims the table's shared schema baseline ({@link SchemaTracker}), so that of
 * all instances and all readings of the record, one reports it. Its other effects, and the table limits' claims, are
 * {@link BatchStorage}'s, once the batch is about to be stored.
 */
@Component
class RecordChecker {

    private static final ParsedRecord UNTRACKED = new ParsedRecord.Skipped(ParsedRecord.SkipReason.UNTRACKED_TABLE);
    /** A heartbeat whose time is ahead of this host's clock, as the batch carries it. */
    private static final ParsedRecord HEARTBEAT_AHEAD = new ParsedRecord.Skipped(ParsedRecord.SkipReason.HEARTBEAT);

    private final RecordReader reader;
    private final RuleEvaluator evaluator;
    private final SchemaTracker schemas;
    private final RulesInForce rules;
    private final Masker masker;
    private final PipelineHealth health;
    private final SourceClock sourceClock;
    private final TrackedTables tracked;
    private final UnavailableValues unavailable;

    RecordChecker(RecordReader reader, RuleEvaluator evaluator, SchemaTracker schemas, RulesInForce rules,
            Masker masker, PipelineHealth health, SourceClock sourceClock, TrackedTables tracked,
            UnavailableValues unavailable) {
        this.unavailable = unavailable;
        this.sourceClock = sourceClock;
        this.tracked = tracked;
        this.reader = reader;
        this.evaluator = evaluator;
        this.schemas = schemas;
        this.rules = rules;
        this.masker = masker;
        this.health = health;
    }

    CheckedBatch check(List<ConsumerRecord<byte[], ByteBuffer>> records) {
        List<CheckedBatch.Checked> events = new ArrayList<>(records.size());
        List<CheckedBatch.Rejection> rejections = new ArrayList<>();
        List<CheckedBatch.Other> others = new ArrayList<>();
        for (ConsumerRecord<byte[], ByteBuffer> record : records) {
            ParsedRecord parsed;
            try {
                parsed = reader.read(record.topic(), record.headers(), record.key(), record.value());
            } catch (RegistryUnavailableException registryDown) {
                // nothing is wrong with the record: the batch fails, to be retried once the registry answers
                throw health.failed(PipelineHealth.REGISTRY, registryDown);
            } catch (Throwable parseFailed) {
                // the parser is total for every exception; an Error (a stack, an allocation) is still this record's
                rejections.add(new CheckedBatch.Rejection(record, new ParsedRecord.Rejected(RejectReason.UNPROCESSABLE,
                        "parsing the record failed: " + FailureModel.contained(parseFailed))));
                continue;
            }
            if (parsed instanceof ParsedRecord.Event e && !tracked.admit(e.event().table())) {
                others.add(new CheckedBatch.Other(record.topic(), UNTRACKED));
            } else if (parsed instanceof ParsedRecord.Event e) {
                check(record, unavailable.mark(SourceClock.connector(record.topic()), e.event()), events, rejections);
            } else if (parsed instanceof ParsedRecord.Rejected rejected) {
                rejections.add(new CheckedBatch.Rejection(record, rejected));
            } else if (parsed instanceof ParsedRecord.Heartbeat h && sourceClock.isAhead(h.timestamp())) {
                others.add(new CheckedBatch.Other(record.topic(), HEARTBEAT_AHEAD, true));
            } else {
                others.add(new CheckedBatch.Other(record.topic(), parsed));
            }
        }
        return new CheckedBatch(events, rejections, others);
    }

    /**
     * The checks of one record of a row change, without the shared schema baselines, which need the database: the
     * AOT cache's training runs the rest of the path with it. Null for a record of no row change.
     */
    CheckedBatch.Checked checkAlone(ConsumerRecord<byte[], ByteBuffer> record) {
        if (reader.read(record.topic(), record.headers(), record.key(), record.value()) instanceof ParsedRecord.Event e) {
            ChangeEvent event = unavailable.mark(SourceClock.connector(record.topic()), e.event());
            return checked(record, event, event, personalColumns(event), false);
        }
        return null;
    }

    private void check(ConsumerRecord<byte[], ByteBuffer> record, ChangeEvent event,
            List<CheckedBatch.Checked> events, List<CheckedBatch.Rejection> rejections) {
        Map<String, PiiMode> personal = personalColumns(event);
        boolean ahead = sourceClock.isAhead(event.sourceTimestamp());
        // from here on its time is no one's newest nor any order's; its identity stays that of the raw change
        ChangeEvent timed = ahead ? event.withoutSourceTimestamp() : event;
        CheckedBatch.Checked checked;
        List<SchemaChange> drift;
        try {
            checked = checked(record, event, timed, personal, ahead);
        } catch (Throwable checkFailed) {
            // the same event fails the same way every time: it is this record's problem, not the batch's
            rejections.add(rejection(record, event, personal, "checking the event failed: ", checkFailed));
            return;
        }
        try {
            // an exception here is the shared baselines out of reach: it fails the batch, to be retried
            drift = health.read(PipelineHealth.SCHEMA, () -> schemas.observe(timed, checked.position()::id));
        } catch (Error driftFailed) {
            rejections.add(rejection(record, event, personal, "tracking the event's columns failed: ", driftFailed));
            return;
        }
        events.add(checked.withSchemaChanges(drift));
    }

    private CheckedBatch.Rejection rejection(ConsumerRecord<byte[], ByteBuffer> record, ChangeEvent event,
            Map<String, PiiMode> personal, String what, Throwable failure) {
        String detail = masker.scrub(what + FailureModel.contained(failure), event, personal);
        return new CheckedBatch.Rejection(record, new ParsedRecord.Rejected(RejectReason.UNPROCESSABLE, detail));
    }

    private CheckedBatch.Checked checked(ConsumerRecord<byte[], ByteBuffer> record, ChangeEvent event,
            ChangeEvent timed, Map<String, PiiMode> personal, boolean ahead) {
        Evaluation evaluation = evaluator.evaluate(event);
        SourcePosition position = personal.isEmpty() || !masker.hasHashKey() ? SourcePosition.of(event)
                : SourcePosition.of(event, masker::keyedDigest);
        ChangeEvent shown = masker.mask(timed, personal);
        // the row key is serialised again only when masking changed the event: most tables have no personal columns
        if (shown != timed) {
            position = position.withRowKey(shown.key());
        }
        return new CheckedBatch.Checked(CheckedBatch.Origin.of(record), shown, position, evaluation, List.of(), ahead);
    }

    private Map<String, PiiMode> personalColumns(ChangeEvent event) {
        return rules.table(event.table()).map(TableRules::personal).orElse(Map.of());
    }
}
