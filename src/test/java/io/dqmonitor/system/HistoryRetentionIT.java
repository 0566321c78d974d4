package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The history's retention on the real PostgreSQL: rows of the violations, schema changes and anomalies recorded
 * longer ago than {@code dq.history.retention} are deleted by the background task, a batch at a time, and counted;
 * younger rows stay.
 */
@TestPropertySource(properties = {"dq.history.retention=30d", "dq.history.retention-interval=1s",
        "dq.history.retention-batch-size=7"})
class HistoryRetentionIT extends StackIntegrationTest {

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesAndYoungerOnesStay() throws Exception {
        String mark = "retention-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            String recorded = "now() - interval '" + (i < 15 ? 40 : 20) + " days'";
            client.execute("INSERT INTO dq_monitor.violations (table_name, column_name, rule, op, event_id, "
                    + "detected_at) VALUES ('" + mark + "', 'c', 'range', 'create', '" + mark + i + "', " + recorded
                    + ")");
            client.execute("INSERT INTO dq_monitor.schema_changes (table_name, change, column_name, event_id, "
                    + "detected_at) VALUES ('" + mark + "', 'added', 'c" + i + "', '" + mark + i + "', " + recorded
                    + ")");
            client.execute("INSERT INTO dq_monitor.anomalies (table_name, signal, window_start, window_end, observed, "
                    + "expected, band_lower, band_upper, score, detected_at) VALUES ('" + mark + "', 'changes_create', "
                    + "now() - interval '" + i + " minutes', now(), 1, 1, 0, 2, 0.99, " + recorded + ")");
        }

        for (String table : new String[] {"violations", "schema_changes", "anomalies"}) {
            Awaitility.await(table + " past the retention deleted").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(table, mark), left -> left == 5);
            assertThat(client.queryLong("SELECT count(*) FROM dq_monitor." + table + " WHERE table_name = '" + mark
                    + "' AND detected_at < now() - interval '30 days'")).isZero();
            assertThat(client.scrape().value("dq_history_rows_deleted_total{table=\"" + table + "\"}"))
                    .isGreaterThanOrEqualTo(15);
        }
        assertThat(client.scrape().value("dq_background_task_failures_total{task=\"history-retention\"}")).isZero();
        assertThat(client.getJson("/actuator/health").path("components").path("backgroundTasks").path("status")
                .asString()).isEqualTo("UP");
    }

    private long count(String table, String mark) throws Exception {
        return client.queryLong("SELECT count(*) FROM dq_monitor." + table + " WHERE table_name = '" + mark + "'");
    }
}
