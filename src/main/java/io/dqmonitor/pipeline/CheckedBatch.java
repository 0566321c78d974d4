package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.history.ViolationLog;
import io.dqmonitor.partitions.StoredChange;
import io.dqmonitor.recent.RecentChange;
import io.dqmonitor.rules.Evaluation;
import io.dqmonitor.rules.Violation;
import io.dqmonitor.schema.SchemaChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/**
 * What checking one batch found: the change events with their evaluations and schema changes, the records to
 * dead-letter, and the records that carry no change. Nothing of it is stored or counted yet.
 */
record CheckedBatch(List<Checked> events, List<Rejection> rejections, List<Other> others) {

    /**
     * Where a change event was read. The record itself is not kept: its value (about 4 KB) would live on while the
     * batch is stored, and a batch's values kept past checking filled the young generation (BENCHMARKS.md).
     *
     * @param inKafkaAt when the record reached Kafka (the producer's or the broker's time, as the topic says), or null
     */
    record Origin(String topic, int partition, long offset, Instant inKafkaAt) {

        static Origin of(ConsumerRecord<?, ?> record) {
            return new Origin(record.topic(), record.partition(), record.offset(),
                    record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0 ? null
                            : Instant.ofEpochMilli(record.timestamp()));
        }

        TopicPartition topicPartition() {
            return new TopicPartition(topic, partition);
        }
    }

    /**
     * One change event and what its checks found.
     *
     * @param event    the event as it may be shown: personal columns masked, and no commit time when its time was
     *                 ahead of this host's clock ({@link SourceClock})
     * @param position its source position, the row key masked too
     * @param aheadOfClock whether its commit time was ahead of this host's clock, and dropped
     */
    record Checked(Origin origin, ChangeEvent event, SourcePosition position, Evaluation evaluation,
            List<SchemaChange> schemaChanges, boolean aheadOfClock) {

        /** The same event with more violations: the table limits', found once the whole batch is checked. */
        Checked withViolations(List<Violation> more) {
            List<Violation> all = new ArrayList<>(evaluation.violations());
            all.addAll(more);
            return new Checked(origin, event, position, new Evaluation(all, evaluation.skipped()), schemaChanges,
                    aheadOfClock);
        }

        /** The same event with the schema changes it is the one to report. */
        Checked withSchemaChanges(List<SchemaChange> changes) {
            return changes.isEmpty() ? this : new Checked(origin, event, position, evaluation, changes, aheadOfClock);
        }

        StoredChange stored() {
            return new StoredChange(event, !evaluation.violations().isEmpty(), origin.topic(), origin.partition(),
                    origin.offset());
        }

        boolean leavesHistory() {
            return !evaluation.violations().isEmpty() || !schemaChanges.isEmpty();
        }
    }

    /**
     * A record that carries no change (a heartbeat, a tombstone, ...) and the topic it came from. A heartbeat whose
     * time was ahead of this host's clock is a skipped heartbeat here, {@code aheadOfClock}.
     */
    record Other(String topic, ParsedRecord parsed, boolean aheadOfClock) {

        Other(String topic, ParsedRecord parsed) {
            this(topic, parsed, false);
        }
    }

    /** A record to dead-letter and why. */
    record Rejection(ConsumerRecord<byte[], ByteBuffer> record, ParsedRecord.Rejected reason) {
    }

    List<ViolationLog.Entry> historyEntries() {
        return events.stream().filter(Checked::leavesHistory)
                .map(c -> new ViolationLog.Entry(c.event(), c.position(), c.evaluation().violations(),
                        c.schemaChanges()))
                .toList();
    }

    /**
     * The recent-changes store keeps only the newest entries of a batch (100 by default, of up to 2,000 records): this
     * view builds an entry, with its source position, only when the store reads it.
     */
    List<RecentChange> recentChanges() {
        return new AbstractList<>() {
            @Override
            public RecentChange get(int index) {
                Checked c = events.get(index);
                return RecentChange.of(c.event(), c.position(), c.evaluation().violations());
            }

            @Override
            public int size() {
                return events.size();
            }
        };
    }
}
