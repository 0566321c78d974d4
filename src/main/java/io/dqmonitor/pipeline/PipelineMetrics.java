package io.dqmonitor.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.metrics.LabelledMeters;
import io.dqmonitor.metrics.TableLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The pipeline's meters: events by table and op, their lag (in whole, and split into the connector's part and this
 * service's) and newest commit time, rejected and skipped records,
 * heartbeats and failed batch stores. Every reason and stage starts at zero here, and a table's ops at its first
 * event, so that rate() and increase() see the first occurrence. Table label values go through {@link TableLabels}.
 */
@Component
class PipelineMetrics {

    private static final Duration[] LAG_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1)};

    private record Timestamp(Gauge gauge, AtomicLong millis) {
    }

    private final TableLabels tables;
    private final LabelledMeters<Counter> events;
    private final LabelledMeters<Timer> lag;
    private final LabelledMeters<Timer> captureLag;
    private final LabelledMeters<Timer> processingLag;
    private final LabelledMeters<Timestamp> lastEvent;
    private final LabelledMeters<Counter> rejected;
    private final LabelledMeters<Counter> skipped;
    private final LabelledMeters<Counter> batchFailures;
    private final LabelledMeters<Timestamp> heartbeats;
    private final LabelledMeters<Counter> ahead;

    /** The {@code table} label of heartbeats in {@code cdc_source_time_ahead_total}. */
    static final String HEARTBEATS = "_heartbeat";

    PipelineMetrics(MeterRegistry registry, TableLabels tables) {
        this.tables = tables;
        events = LabelledMeters.of(registry, l -> Counter.builder("cdc.events")
                .description("Change events processed, by source table and operation")
                .tag("table", l.get(0)).tag("op", l.get(1)).register(registry));
        lag = LabelledMeters.of(registry, l -> Timer.builder("cdc.event.lag")
                .description("Processing time minus the source commit time of each change event")
                .serviceLevelObjectives(LAG_BUCKETS).tag("table", l.get(0)).register(registry));
        // the lag in two: Debezium's part (commit to Kafka) and this service's (Kafka to stored and counted)
        captureLag = LabelledMeters.of(registry, l -> Timer.builder("cdc.capture.lag")
                .description("Kafka record timestamp minus the source commit time of each change event: the time "
                        + "the connector took to put it in Kafka")
                .serviceLevelObjectives(LAG_BUCKETS).tag("table", l.get(0)).register(registry));
        processingLag = LabelledMeters.of(registry, l -> Timer.builder("dq.processing.lag")
                .description("Time its effects were stored minus the Kafka record timestamp of each change event: the "
                        + "time dq-monitor took to show it in the recent changes, the history and the metrics")
                .serviceLevelObjectives(LAG_BUCKETS).tag("table", l.get(0)).register(registry));
        lastEvent = new LabelledMeters<>(registry, l -> {
            AtomicLong millis = new AtomicLong();
            return new Timestamp(Gauge.builder("cdc.last.event.timestamp", millis, m -> m.get() / 1000.0)
                    .description("Source commit time of the newest change event seen for the table")
                    .baseUnit("seconds").tag("table", l.get(0)).register(registry), millis);
        }, Timestamp::gauge);
        rejected = reasons(registry, "cdc.events.rejected",
                "Records that could not be processed and went to the dead-letter topic, by reason");
        skipped = reasons(registry, "cdc.records.skipped",
                "Records that carry no row change (tombstones, heartbeats, transaction markers, logical messages)");
        batchFailures = LabelledMeters.of(registry, l -> Counter.builder("dq.batch.failures")
                .description("Failed attempts to store a batch's effects, or to read the shared state it is checked "
                        + "against, by stage; the batch is retried with back-off")
                .tag("stage", l.get(0)).register(registry));
        heartbeats = new LabelledMeters<>(registry, l -> {
            AtomicLong millis = new AtomicLong();
            return new Timestamp(Gauge.builder("cdc.heartbeat.timestamp", millis, m -> m.get() / 1000.0)
                    .description("Time of the newest Debezium heartbeat of the connector (its topic prefix): it moves "
                            + "while that connector's pipeline runs, even when none of its tables changes")
                    .baseUnit("seconds").tag("connector", l.get(0)).register(registry), millis);
        }, Timestamp::gauge);
        ahead = LabelledMeters.of(registry, l -> Counter.builder("cdc.source.time.ahead")
                .description("Changes and heartbeats whose source time was more than dq.cdc.max-clock-skew ahead of "
                        + "this host's clock: kept out of every newest time and order (table _heartbeat: heartbeats)")
                .tag("connector", l.get(0)).tag("table", l.get(1)).register(registry));
        Arrays.stream(ParsedRecord.RejectReason.values()).forEach(r -> rejected.get(r.label()));
        Arrays.stream(ParsedRecord.SkipReason.values()).forEach(s -> skipped.get(s.label()));
        List.of(PipelineHealth.HISTORY, PipelineHealth.RECENT, PipelineHealth.DEAD_LETTER, PipelineHealth.LIMITS,
                PipelineHealth.SCHEMA, PipelineHealth.COMPLETENESS, PipelineHealth.ANOMALY,
                PipelineHealth.ACCOUNTING, PipelineHealth.REGISTRY).forEach(batchFailures::get);
    }

    private static LabelledMeters<Counter> reasons(MeterRegistry registry, String name, String description) {
        return LabelledMeters.of(registry, l -> Counter.builder(name).description(description)
                .tag("reason", l.get(0)).register(registry));
    }

    /**
     * One change event processed: counts it, records its lag in whole and in its two parts, and moves the table's
     * newest commit time forward. {@code inKafkaAt} is the record's timestamp, or null when it has none.
     */
    void eventProcessed(String table, Op op, Instant sourceTimestamp, Instant inKafkaAt, Instant processedAt) {
        String label = tables.of(table);
        events.get(label, op.label()).increment();
        if (inKafkaAt != null) {
            record(processingLag.get(label), inKafkaAt, processedAt);
        }
        if (sourceTimestamp == null) {
            return;
        }
        record(lag.get(label), sourceTimestamp, processedAt);
        if (inKafkaAt != null) {
            record(captureLag.get(label), sourceTimestamp, inKafkaAt);
        }
        lastEvent.get(label).millis().accumulateAndGet(sourceTimestamp.toEpochMilli(), Math::max);
    }

    /** Clocks of the database, the broker and this host may disagree by a little; a negative lag is reported as none. */
    private static void record(Timer timer, Instant from, Instant to) {
        timer.record(Math.max(0, to.toEpochMilli() - from.toEpochMilli()), TimeUnit.MILLISECONDS);
    }

    /** A table's op counters exist from its first event on, so that its first delete shows in rate(). */
    void tableSeen(String table) {
        String label = tables.of(table);
        Arrays.stream(Op.values()).forEach(op -> events.get(label, op.label()));
    }

    void rejected(ParsedRecord.RejectReason reason) {
        rejected.get(reason.label()).increment();
    }

    void skipped(ParsedRecord.SkipReason reason) {
        skipped.get(reason.label()).increment();
    }

    /** A heartbeat of the connector whose topic prefix is {@code connector}: one label value per connector. */
    void heartbeat(String connector, Instant timestamp) {
        heartbeats.get(connector).millis().accumulateAndGet(timestamp.toEpochMilli(), Math::max);
        // from zero with the connector's first heartbeat, so that rate() and increase() see the first time ahead
        ahead.get(connector, HEARTBEATS);
    }

    /** The table's partitions are read by another instance now: its newest-commit gauge is that one's to report. */
    void forgetTable(String table) {
        String label = tables.of(table);
        // the overflow label stands for many tables, some perhaps still read here
        if (!label.equals(TableLabels.OVERFLOW)) {
            lastEvent.removeIf(labels -> labels.get(0).equals(label));
        }
    }

    /** The connector's heartbeat topic is read by another instance now. */
    void forgetConnector(String connector) {
        heartbeats.removeIf(labels -> labels.get(0).equals(connector));
    }

    /** A change of {@code table}, or a heartbeat ({@link #HEARTBEATS}), dated ahead of this host's clock. */
    void sourceTimeAhead(String connector, String table) {
        aheadCounter(connector, table).increment();
    }

    /** The table's counter of times ahead exists from its first change on, at zero. */
    void tableSeen(String connector, String table) {
        aheadCounter(connector, table);
    }

    private Counter aheadCounter(String connector, String table) {
        return ahead.get(connector, table.equals(HEARTBEATS) ? table : tables.of(table));
    }

    void batchFailed(String stage) {
        batchFailures.get(stage).increment();
    }
}
