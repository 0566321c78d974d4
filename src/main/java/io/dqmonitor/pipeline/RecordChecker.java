package io.dqmonitor.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.schema.SchemaTracker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/** Parses each record of a batch and checks each change event against the rules in force; stores nothing. */
@Component
class RecordChecker {

    private final ChangeEventParser parser;
    private final RuleEvaluator evaluator;
    private final SchemaTracker schemas;

    RecordChecker(ChangeEventParser parser, RuleEvaluator evaluator, SchemaTracker schemas) {
        this.parser = parser;
        this.evaluator = evaluator;
        this.schemas = schemas;
    }

    CheckedBatch check(List<ConsumerRecord<byte[], byte[]>> records) {
        List<CheckedBatch.Checked> events = new ArrayList<>(records.size());
        List<CheckedBatch.Rejection> rejections = new ArrayList<>();
        List<ParsedRecord> others = new ArrayList<>();
        SchemaTracker.Session session = schemas.session();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParsedRecord parsed = parser.parse(record.key(), record.value());
            if (parsed instanceof ParsedRecord.Event e) {
                try {
                    events.add(new CheckedBatch.Checked(record, e.event(), evaluator.evaluate(e.event()),
                            session.observe(e.event())));
                } catch (RuntimeException checkFailed) {
                    // the same event fails the same way every time: it is this record's problem, not the batch's
                    rejections.add(new CheckedBatch.Rejection(record, new ParsedRecord.Rejected(
                            RejectReason.UNPROCESSABLE, "checking the event failed: " + checkFailed)));
                }
            } else if (parsed instanceof ParsedRecord.Rejected rejected) {
                rejections.add(new CheckedBatch.Rejection(record, rejected));
            } else {
                others.add(parsed);
            }
        }
        return new CheckedBatch(events, rejections, others, session);
    }
}
