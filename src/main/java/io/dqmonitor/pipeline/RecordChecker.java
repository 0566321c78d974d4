package io.dqmonitor.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.SourcePosition;
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
 * Parses each record of a batch and checks each change event against the rules in force; stores nothing. The rules
 * see the raw event; what it hands on is masked: personal columns ({@code pii:}) never reach a store, a response or
 * a log line unmasked.
 */
@Component
class RecordChecker {

    private final ChangeEventParser parser;
    private final RuleEvaluator evaluator;
    private final SchemaTracker schemas;
    private final RulesInForce rules;
    private final Masker masker;

    RecordChecker(ChangeEventParser parser, RuleEvaluator evaluator, SchemaTracker schemas, RulesInForce rules,
            Masker masker) {
        this.parser = parser;
        this.evaluator = evaluator;
        this.schemas = schemas;
        this.rules = rules;
        this.masker = masker;
    }

    CheckedBatch check(List<ConsumerRecord<byte[], byte[]>> records) {
        List<CheckedBatch.Checked> events = new ArrayList<>(records.size());
        List<CheckedBatch.Rejection> rejections = new ArrayList<>();
        List<CheckedBatch.Other> others = new ArrayList<>();
        SchemaTracker.Session session = schemas.session();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParsedRecord parsed = parser.parse(record.key(), record.value());
            if (parsed instanceof ParsedRecord.Event e) {
                Map<String, PiiMode> personal = personalColumns(e.event());
                try {
                    events.add(checked(record, e.event(), personal, session));
                } catch (RuntimeException checkFailed) {
                    // the same event fails the same way every time: it is this record's problem, not the batch's
                    rejections.add(new CheckedBatch.Rejection(record, new ParsedRecord.Rejected(RejectReason.UNPROCESSABLE,
                            masker.scrub("checking the event failed: " + checkFailed, e.event(), personal))));
                }
            } else if (parsed instanceof ParsedRecord.Rejected rejected) {
                rejections.add(new CheckedBatch.Rejection(record, rejected));
            } else {
                others.add(new CheckedBatch.Other(record.topic(), parsed));
            }
        }
        return new CheckedBatch(events, rejections, others, session);
    }

    private CheckedBatch.Checked checked(ConsumerRecord<byte[], byte[]> record, ChangeEvent event,
            Map<String, PiiMode> personal, SchemaTracker.Session session) {
        Evaluation evaluation = evaluator.evaluate(event);
        List<SchemaChange> schemaChanges = session.observe(event);
        ChangeEvent shown = masker.mask(event, personal);
        SourcePosition position = SourcePosition.of(event);
        // the row key is serialised again only when masking changed the event: most tables have no personal columns
        if (shown != event) {
            position = position.withRowKey(shown.key());
        }
        return new CheckedBatch.Checked(record, shown, position, evaluation, schemaChanges);
    }

    private Map<String, PiiMode> personalColumns(ChangeEvent event) {
        return rules.table(event.table()).map(TableRules::personal).orElse(Map.of());
    }
}
