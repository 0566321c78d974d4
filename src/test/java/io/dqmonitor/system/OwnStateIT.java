package io.dqmonitor.system;

import static io.dqmonitor.pipeline.SyntheticTopic.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.dqmonitor.pipeline.SyntheticTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A row of dq-monitor's own tables that it cannot read (here a schema baseline whose columns are not a map, as after
 * an edit by hand), on the real stack: a transient failure of its stage, retried with readiness DOWN naming the stage
 * and the table, never a dead letter of the records that read it. Once the row is mended, the records are stored and
 * counted exactly once.
 */
@TestPropertySource(properties = "dq.cdc.retry-max-interval=2s")
class OwnStateIT extends StackIntegrationTest {

    private static final SyntheticTopic TOPIC = new SyntheticTopic(STACK.bootstrapServers(),
            "monitoring_server.corpus.own_state");

    @Test
    void anUnreadableBaselineIsRetriedVisiblyNotDeadLetteredAndResumesOnceMended() throws Exception {
        TOPIC.create();
        PrometheusScrape before = client.awaitProcessed();
        String table = "own_" + UUID.randomUUID().toString().substring(0, 8);
        client.execute("INSERT INTO dq_monitor.schema_baselines (table_name, columns, event_id) VALUES ('corpus."
                + table + "', '[1, 2]', 'edited by hand')");
        try {
            TOPIC.send(change(table, 1), change(table, 2));

            Awaitility.await("readiness DOWN at stage schema").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/actuator/health/readiness").statusCode() == 503);
            JsonNode pipeline = PipelineClient.JSON.readTree(client.get("/actuator/health").body())
                    .path("components").path("pipeline");
            assertThat(pipeline.path("details").path("stage").asString()).isEqualTo("schema");
            assertThat(pipeline.path("details").path("error").asString()).contains("dq_monitor.schema_baselines");
            assertThat(client.scrape().growthSince(before, "cdc_events_rejected_total")).isEmpty();
            assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            client.execute("DELETE FROM dq_monitor.schema_baselines WHERE table_name = 'corpus." + table + "'");
        }

        String creates = "cdc_events_total{op=\"create\",table=\"corpus." + table + "\"}";
        PrometheusScrape after = client.awaitGrowth(before, creates, 2);
        Awaitility.await("readiness UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        after = client.awaitProcessed();
        assertThat(after.value(creates)).isEqualTo(2);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
        assertThat(after.value("dq_batch_failures_total{stage=\"schema\"}")
                - before.value("dq_batch_failures_total{stage=\"schema\"}")).isPositive();
    }

    private static byte[] change(String table, int id) {
        return utf8("{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"" + table + "\"},\"after\":{\"id\":"
                + id + "}}");
    }
}
