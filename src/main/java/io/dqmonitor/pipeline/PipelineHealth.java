package io.dqmonitor.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether batches are being stored. While the last batch failed to store its effects (and is being retried with
 * back-off), the {@code pipeline} health is DOWN with the failing stage, so readiness goes down while liveness stays
 * up: the service is alive and will resume by itself, but it makes no progress.
 */
@Component("pipeline")
class PipelineHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PipelineHealth.class);

    /** The places a batch writes its effects to, or reads shared state from: the label values of
     * {@code dq_batch_failures_total}. */
    static final String HISTORY = "history";
    static final String RECENT = "recent";
    static final String DEAD_LETTER = "dead_letter";
    /** The completeness ledger of the batch's partitions (PostgreSQL). */
    static final String COMPLETENESS = "completeness";
    /** The anomaly signals of the batch's partitions (PostgreSQL). */
    static final String ANOMALY = "anomaly";
    /** Counting a stored batch in memory: a failure there is a bug, reported but not retried. */
    static final String ACCOUNTING = "accounting";
    /** The shared state a batch is checked against: table-limit windows (Redis), schema baselines (PostgreSQL). */
    static final String LIMITS = "limits";
    static final String SCHEMA = "schema";
    /** The schema registries that Avro records name their schemas in. */
    static final String REGISTRY = "registry";

    private record Failure(String stage, String error, Instant since) {
    }

    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private volatile RuntimeException lastCounted;
    private final PipelineMetrics metrics;
    private final Clock clock;

    PipelineHealth(PipelineMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Runs one stage's write; a failure is rethrown. A transient one (see {@link FailureModel}) is counted and shown,
     * since the batch will be retried; one permanent for a record is neither: that record will be dead-lettered.
     */
    void store(String stage, Runnable write) {
        read(stage, () -> {
            write.run();
            return null;
        });
    }

    /** As {@link #store}, for a step that reads or claims shared state and returns what it found. */
    <T> T read(String stage, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw failed(stage, e);
        }
    }

    /**
     * {@code e}, after counting and showing it as a failure of {@code stage} when it is transient: for a failure found
     * outside {@link #read}, such as a registry that did not answer while a record was decoded.
     */
    RuntimeException failed(String stage, RuntimeException e) {
        // a failure an inner stage already counted, on its way out through the stage around it
        if (FailureModel.isPermanentForRecord(e) || lastCounted == e) {
            return e;
        }
        lastCounted = e;
        metrics.batchFailed(stage);
        Failure previous = failure.get();
        Instant since = previous != null && previous.stage().equals(stage) ? previous.since() : clock.instant();
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (previous == null || !previous.stage().equals(stage) || !previous.error().equals(error)) {
            // once per stage and error, not once per retry: the counter and the health say how long it lasts
            log.warn("Storing a batch failed at stage {}; it is retried with back-off", stage, e);
        }
        failure.set(new Failure(stage, error, since));
        return e;
    }

    void batchStored() {
        failure.set(null);
    }

    @Override
    public Health health() {
        Failure current = failure.get();
        if (current == null) {
            return Health.up().build();
        }
        return Health.down().withDetail("stage", current.stage()).withDetail("error", current.error())
                .withDetail("since", current.since().toString()).build();
    }
}
