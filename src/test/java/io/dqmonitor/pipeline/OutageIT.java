package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.dqmonitor.PipelineClient;
import io.dqmonitor.PrometheusScrape;
import io.dqmonitor.StackIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Faults injected into the real stack while rows are written: processing pauses with back-off (visible in
 * {@code dq_batch_failures_total} and in readiness, while liveness stays up), resumes when the dependency is back,
 * and every row's effects are stored exactly once.
 */
@TestPropertySource(properties = {"dq.cdc.retry-max-interval=2s", "spring.data.redis.timeout=1s"})
class OutageIT extends StackIntegrationTest {

    private static final int ROWS = 20;

    @Test
    void aRedisOutagePausesProcessingUntilRedisIsBackAndLosesNothing() throws Exception {
        PrometheusScrape before = client.awaitProcessed();
        List<Long> ids = new ArrayList<>();
        STACK.redis().stop();
        try {
            for (int i = 0; i < ROWS; i++) {
                ids.add(client.insert(9000L + i, "purchase", "-1.00", "redis-outage-" + i + "@example.com"));
            }
            JsonNode pipeline = Awaitility.await("pipeline health down").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> readHealth().path("components").path("pipeline"),
                            health -> "DOWN".equals(health.path("status").asString()));
            assertThat(pipeline.path("details").path("stage").asString()).isEqualTo("recent");
            assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(client.scrape().value("dq_batch_failures_total{stage=\"recent\"}"))
                    .isGreaterThan(before.value("dq_batch_failures_total{stage=\"recent\"}"));
        } finally {
            STACK.redis().restart();
        }

        Awaitility.await("readiness up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        PrometheusScrape after = client.awaitProcessed();

        String created = "cdc_events_total{op=\"create\",table=\"public.user_activities\"}";
        assertThat(after.value(created) - before.value(created)).as("the rows and the sentinel, each once")
                .isEqualTo(ROWS + 1);
        String changes = client.get("/api/changes").body();
        for (int i = 0; i < ROWS; i++) {
            assertThat(changes.split("redis-outage-" + i + "@", -1)).as("row %d in /api/changes once", i).hasSize(2);
        }
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE rule = 'range' AND "
                + "(row_key->>'id')::bigint IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                + ")")).as("one history row per bad row").isEqualTo(ROWS);
    }

    private JsonNode readHealth() throws Exception {
        // readiness and overall health answer 503 while DOWN; the body still says why
        return PipelineClient.JSON.readTree(client.get("/actuator/health").body());
    }
}
