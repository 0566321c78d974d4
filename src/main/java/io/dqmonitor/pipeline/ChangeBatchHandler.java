package io.dqmonitor.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ChangeRecordHandler;
import io.dqmonitor.cdc.DeadLetterPublisher;
import io.dqmonitor.cdc.DeadLetterPublisher.Rejection;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.metrics.DqMetrics;
import io.dqmonitor.quality.RuleEvaluator;
import io.dqmonitor.quality.Violation;
import io.dqmonitor.recent.RecentChange;
import io.dqmonitor.recent.RecentChangesStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * One batch, start to end: parse every record, evaluate the rules, store the changes, dead-letter what cannot be
 * parsed, and only then count. A failure anywhere before the counting throws, and the whole batch is tried again,
 * so counters never run ahead of what is stored.
 */
@Component
class ChangeBatchHandler implements ChangeRecordHandler {

    private final ChangeEventParser parser;
    private final RuleEvaluator evaluator;
    private final RecentChangesStore recentChanges;
    private final DeadLetterPublisher deadLetters;
    private final DqMetrics metrics;
    private final Clock clock;

    ChangeBatchHandler(ChangeEventParser parser, RuleEvaluator evaluator, RecentChangesStore recentChanges,
            DeadLetterPublisher deadLetters, DqMetrics metrics) {
        this.parser = parser;
        this.evaluator = evaluator;
        this.recentChanges = recentChanges;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
        // every reason starts at zero, so that rate() and increase() see the first bad record
        Arrays.stream(ParsedRecord.RejectReason.values()).forEach(r -> metrics.rejectedCounter(r.label()));
        Arrays.stream(ParsedRecord.SkipReason.values()).forEach(s -> metrics.skippedCounter(s.label()));
    }

    private record Checked(ChangeEvent event, List<Violation> violations) {
    }

    @Override
    public void handle(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Checked> checked = new ArrayList<>(records.size());
        List<Rejection> rejections = new ArrayList<>();
        List<ParsedRecord.Skipped> skipped = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParsedRecord parsed = parser.parse(record.key(), record.value());
            if (parsed instanceof ParsedRecord.Event e) {
                checked.add(new Checked(e.event(), evaluator.evaluate(e.event())));
            } else if (parsed instanceof ParsedRecord.Rejected rejected) {
                rejections.add(new Rejection(record, rejected));
            } else {
                skipped.add((ParsedRecord.Skipped) parsed);
            }
        }
        recentChanges.append(checked.stream().map(c -> RecentChange.of(c.event(), c.violations())).toList());
        deadLetters.publish(rejections);
        count(checked, rejections, skipped);
    }

    private void count(List<Checked> checked, List<Rejection> rejections, List<ParsedRecord.Skipped> skipped) {
        Instant now = clock.instant();
        for (Checked c : checked) {
            ChangeEvent event = c.event();
            metrics.eventProcessed(event.table(), event.op().label(), event.sourceTimestamp(), now);
            c.violations().forEach(v -> metrics.recordViolation(event.table(), v.column(), v.rule()));
        }
        rejections.forEach(r -> metrics.recordRejected(r.reason().reason().label()));
        skipped.forEach(s -> metrics.recordSkipped(s.reason().label()));
    }
}
