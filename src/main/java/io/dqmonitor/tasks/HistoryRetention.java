package io.dqmonitor.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The background task {@code history-retention}: deletes the rows of every {@link ExpiringRows} table recorded longer
 * ago than {@code dq.history.retention}, in statements of {@code dq.history.retention-batch-size} rows, so that the
 * history grows with the rate of findings, not with time. Its failures show as every background task's do
 * ({@code backgroundTasks} health, {@code dq_background_task_failures_total{task="history-retention"}}); the rows it
 * deleted count in {@code dq_history_rows_deleted_total{table}}.
 */
@Component
class HistoryRetention {

    static final String TASK = "history-retention";
    /** At most this many statements per table and run: a huge backlog is worked off over several runs. */
    static final int MAX_BATCHES_PER_RUN = 100;

    private record Table(ExpiringRows rows, Counter deleted) {
    }

    private final List<Table> tables;
    private final RetentionProperties properties;
    private final Clock clock;

    HistoryRetention(List<ExpiringRows> tables, RetentionProperties properties, BackgroundTasks tasks,
            MeterRegistry registry, Clock clock) {
        this.tables = tables.stream().map(rows -> new Table(rows, Counter.builder("dq.history.rows.deleted")
                .description("Rows of dq-monitor's history tables deleted for being older than dq.history.retention")
                .tag("table", rows.table()).register(registry))).toList();
        this.properties = properties;
        this.clock = clock;
        Duration interval = properties.retentionInterval();
        tasks.register(TASK, interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1),
                interval, this::run);
    }

    void run() {
        Instant cutoff = clock.instant().minus(properties.retention());
        int limit = properties.retentionBatchSize();
        for (Table table : tables) {
            int deleted;
            int batches = 0;
            do {
                deleted = table.rows().deleteBefore(cutoff, limit);
                table.deleted().increment(deleted);
            } while (deleted == limit && ++batches < MAX_BATCHES_PER_RUN);
        }
    }
}
