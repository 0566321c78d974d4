package io.dqmonitor.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The retention task: the cutoff, batches until a short one, a bound on batches per run, and its meters. */
class HistoryRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final BackgroundTasks tasks = new BackgroundTasks(new ThreadPoolTaskScheduler(), new TaskMetrics(registry),
            clock);

    /** A table holding {@code rows} expired rows, recording each call's cutoff. */
    private static final class Rows implements ExpiringRows {
        private long rows;
        final List<Instant> cutoffs = new ArrayList<>();

        Rows(long rows) {
            this.rows = rows;
        }

        @Override
        public String table() {
            return "violations";
        }

        @Override
        public int deleteBefore(Instant cutoff, int limit) {
            cutoffs.add(cutoff);
            int deleted = (int) Math.min(rows, limit);
            rows -= deleted;
            return deleted;
        }
    }

    @Test
    void deletesInBatchesUntilAShortOneAndCountsTheRows() {
        Rows rows = new Rows(25);
        retention(rows, 10).run();

        assertThat(rows.cutoffs).hasSize(3).containsOnly(NOW.minus(Duration.ofDays(30)));
        assertThat(registry.scrape()).contains("dq_history_rows_deleted_total{table=\"violations\"} 25.0");
    }

    @Test
    void aHugeBacklogIsWorkedOffOverSeveralRuns() {
        Rows rows = new Rows(1_000_000);
        HistoryRetention retention = retention(rows, 10);

        retention.run();

        assertThat(rows.cutoffs).hasSize(HistoryRetention.MAX_BATCHES_PER_RUN);
        assertThat(rows.rows).isEqualTo(1_000_000 - 10 * HistoryRetention.MAX_BATCHES_PER_RUN);
    }

    @Test
    void itIsABackgroundTaskWhoseMetersStartAtZero() {
        retention(new Rows(0), 10);

        assertThat(tasks.states()).containsKey(HistoryRetention.TASK);
        assertThat(registry.scrape()).contains("dq_history_rows_deleted_total{table=\"violations\"} 0.0")
                .contains("dq_background_task_failures_total{task=\"history-retention\"} 0.0");
    }

    private HistoryRetention retention(Rows rows, int batch) {
        return new HistoryRetention(List.of(rows), new RetentionProperties(Duration.ofDays(30), Duration.ofHours(1),
                batch), tasks, registry, clock);
    }
}
