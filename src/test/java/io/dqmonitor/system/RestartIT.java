package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The Kafka broker and the Kafka Connect worker restarted while rows are written. Debezium keeps the changes in the
 * replication slot (Connect down) or in its producer (broker down) and resumes from its last committed offset, which
 * may replay changes dq-monitor has already stored: every row's history and list entry must still be there once.
 */
@TestPropertySource(properties = {"dq.cdc.retry-max-interval=2s", "dq.cdc.health-timeout=2s"})
class RestartIT extends StackIntegrationTest {

    private static final int ROWS = 20;

    @Test
    void aConnectRestartResumesFromTheLastCommittedOffsetAndLosesNothing() throws Exception {
        PrometheusScrape before = client.awaitProcessed();
        STACK.stopConnect();
        List<Long> ids;
        try {
            // the connector is gone: the rows wait in the replication slot, and dq-monitor itself stays ready
            ids = writeRows("connect-restart-");
            assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        } finally {
            STACK.startConnect();
        }
        assertEachRowStoredOnce(before, client.awaitProcessed(), "connect-restart-", ids);
    }

    @Test
    void aBrokerRestartPausesProcessingUntilTheBrokerIsBackAndLosesNothing() throws Exception {
        PrometheusScrape before = client.awaitProcessed();
        STACK.stopKafka();
        List<Long> ids;
        try {
            ids = writeRows("broker-restart-");
            Awaitility.await("readiness down with kafka DOWN").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> client.get("/actuator/health/readiness").statusCode() == 503);
            assertThat(PipelineClient.JSON.readTree(client.get("/actuator/health").body())
                    .path("components").path("kafka").path("status").asString()).isEqualTo("DOWN");
            assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            STACK.startKafka();
        }
        Awaitility.await("readiness up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        assertEachRowStoredOnce(before, client.awaitProcessed(), "broker-restart-", ids);
    }

    private List<Long> writeRows(String prefix) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            ids.add(client.insert(9200L + i, "purchase", "-1.00", prefix + i + "@example.com"));
        }
        return ids;
    }

    private void assertEachRowStoredOnce(PrometheusScrape before, PrometheusScrape after, String prefix, List<Long> ids)
            throws Exception {
        String created = "cdc_events_total{op=\"create\",table=\"public.user_activities\"}";
        // a replay by the connector counts again: metrics are at least once, the stored effects exactly once
        assertThat(after.value(created) - before.value(created)).as("every row and the sentinel, at least once")
                .isGreaterThanOrEqualTo(ROWS + 1);
        StoredOnce.assertEachRowStoredOnce(client, prefix, ids);
    }
}
