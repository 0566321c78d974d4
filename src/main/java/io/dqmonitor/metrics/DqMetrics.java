package io.dqmonitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Every meter of dq-monitor, named as in the design contract. Meter handles are cached per label set, so the hot
 * path does a map look-up instead of a registry look-up. Label values are bounded: tables and columns come from the
 * captured tables and the configured rules, reasons and ops from fixed enums; never a row key or a value.
 */
@Component
public class DqMetrics {

    private static final Duration[] LAG_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastEventMillis = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final Map<String, Counter> violations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> freshnessSeconds = new ConcurrentHashMap<>();
    private final Map<String, Counter> rulesSkipped = new ConcurrentHashMap<>();
    private final Map<String, Counter> schemaChanges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rowCountDrift = new ConcurrentHashMap<>();
    private final Map<String, Counter> batchFailures = new ConcurrentHashMap<>();
    private final AtomicLong heartbeatMillis = new AtomicLong();
    private final Counter reloadFailures;

    public DqMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("cdc.heartbeat.timestamp", heartbeatMillis, m -> m.get() / 1000.0)
                .description("Time of the newest Debezium heartbeat: it moves while the pipeline runs, even when no table changes")
                .baseUnit("seconds").register(registry);
        this.reloadFailures = Counter.builder("dq.rules.reload.failures")
                .description("Rule files that changed but could not be used; the previous rules stay in force")
                .register(registry);
    }

    public void heartbeat(Instant timestamp) {
        heartbeatMillis.accumulateAndGet(timestamp.toEpochMilli(), Math::max);
    }

    public void recordRuleSkipped(String table, String reason) {
        rulesSkipped.computeIfAbsent(table + '\0' + reason, k -> Counter.builder("dq.rules.skipped")
                .description("Change events whose rules could not all be checked (no before image, missing column)")
                .tag("table", table).tag("reason", reason).register(registry)).increment();
    }

    public void recordSchemaChange(String table, String change) {
        schemaChangeCounter(table, change).increment();
    }

    public Counter schemaChangeCounter(String table, String change) {
        return schemaChanges.computeIfAbsent(table + '\0' + change, k -> Counter.builder("dq.schema.changes")
                .description("Columns added, removed or retyped, as seen in the change stream")
                .tag("table", table).tag("change", change).register(registry));
    }

    /** Rows in the table minus rows the change stream accounts for: lasting non-zero means lost or extra events. */
    public void rowCountDrift(String table, long drift) {
        rowCountDrift.computeIfAbsent(table, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("dq.cdc.row.count.drift", value, AtomicLong::doubleValue)
                    .description("count(*) of the table minus the row count implied by the change stream since a baseline")
                    .tag("table", t).register(registry);
            return value;
        }).set(drift);
    }

    /** Attempts to store a batch's effects that failed at one stage; the batch is retried with back-off. */
    public Counter batchFailureCounter(String stage) {
        return batchFailures.computeIfAbsent(stage, k -> Counter.builder("dq.batch.failures")
                .description("Failed attempts to store a batch's effects, by stage; the batch is retried with back-off")
                .tag("stage", stage).register(registry));
    }

    public void recordReloadFailure() {
        reloadFailures.increment();
    }

    /** One change event processed: counts it, records its lag and moves the table's newest commit time forward. */
    public void eventProcessed(String table, String op, Instant sourceTimestamp, Instant processedAt) {
        eventCounter(table, op).increment();
        if (sourceTimestamp == null) {
            return;
        }
        // Clocks of the database and this host may disagree by a little; a negative lag is reported as none.
        Duration delay = Duration.between(sourceTimestamp, processedAt);
        lag.computeIfAbsent(table, this::lagTimer).record(delay.isNegative() ? Duration.ZERO : delay);
        lastEventMillis.computeIfAbsent(table, this::lastEventGauge)
                .accumulateAndGet(sourceTimestamp.toEpochMilli(), Math::max);
    }

    public Counter eventCounter(String table, String op) {
        return events.computeIfAbsent(table + '\0' + op, k -> Counter.builder("cdc.events")
                .description("Change events processed, by source table and operation")
                .tag("table", table).tag("op", op).register(registry));
    }

    public void recordRejected(String reason) {
        rejectedCounter(reason).increment();
    }

    public Counter rejectedCounter(String reason) {
        return reasonCounter(rejected, "cdc.events.rejected",
                "Records that could not be parsed as change events and went to the dead-letter topic", reason);
    }

    public void recordSkipped(String reason) {
        skippedCounter(reason).increment();
    }

    public Counter skippedCounter(String reason) {
        return reasonCounter(skipped, "cdc.records.skipped",
                "Records that carry no row change (tombstones, heartbeats, transaction markers)", reason);
    }

    private Counter reasonCounter(Map<String, Counter> cache, String name, String description, String reason) {
        return cache.computeIfAbsent(reason, k -> Counter.builder(name).description(description)
                .tag("reason", reason).register(registry));
    }

    public void recordViolation(String table, String column, String rule) {
        violationCounter(table, column, rule).increment();
    }

    public Counter violationCounter(String table, String column, String rule) {
        return violations.computeIfAbsent(table + '\0' + column + '\0' + rule, k -> Counter.builder("dq.violations")
                .description("Data-quality rule violations, by table, column and rule")
                .tag("table", table).tag("column", column).tag("rule", rule).register(registry));
    }

    /** Publishes a table's configured freshness bound, so one alert expression serves every table. */
    public void freshnessThreshold(String table, Duration threshold) {
        freshnessSeconds.computeIfAbsent(table, t -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("dq.freshness.threshold", seconds, AtomicLong::doubleValue)
                    .description("Configured freshness bound: the longest a table may go without a change")
                    .baseUnit("seconds").tag("table", t).register(registry);
            return seconds;
        }).set(threshold.toSeconds());
    }

    private Timer lagTimer(String table) {
        return Timer.builder("cdc.event.lag")
                .description("Processing time minus the source commit time of each change event")
                .serviceLevelObjectives(LAG_BUCKETS)
                .tag("table", table).register(registry);
    }

    private AtomicLong lastEventGauge(String table) {
        AtomicLong millis = new AtomicLong();
        Gauge.builder("cdc.last.event.timestamp", millis, m -> m.get() / 1000.0)
                .description("Source commit time of the newest change event seen for the table")
                .baseUnit("seconds").tag("table", table).register(registry);
        return millis;
    }
}
