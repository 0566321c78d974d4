package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dqmonitor.pipeline.SyntheticTopic;
import io.dqmonitor.stack.DeadLetterHeaders;
import io.dqmonitor.stack.Kafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Faults injected into the real stack while rows are written: processing pauses with back-off (visible in
 * {@code dq_batch_failures_total} and in readiness, while liveness stays up), resumes when the dependency is back,
 * and every row's effects are stored exactly once.
 */
// batches of 5 records: the rows of each test span several batches, so that a store fails while the next batch is
// being checked (StoreAhead) and the consumer must seek back to the failed batch
@TestPropertySource(properties = {"dq.cdc.retry-max-interval=2s", "spring.data.redis.timeout=1s",
        "spring.datasource.hikari.connection-timeout=2000", "dq.completeness.interval=500ms",
        "spring.kafka.consumer.max-poll-records=5"})
class OutageIT extends StackIntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

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
            JsonNode pipeline = awaitPipelineDown();
            // the table has limits: its batches stop at their windows, which Redis holds, before any store
            assertThat(pipeline.path("details").path("stage").asString()).isEqualTo("limits");
            assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(client.scrape().value("dq_batch_failures_total{stage=\"limits\"}"))
                    .isGreaterThan(before.value("dq_batch_failures_total{stage=\"limits\"}"));
        } finally {
            STACK.redis().restart();
        }

        Awaitility.await("readiness up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        assertEachRowStoredOnce(before, client.awaitProcessed(), "redis-outage-", ids);
    }

    @Test
    void aDatabaseOutagePausesProcessingUntilTheDatabaseIsBackAndLosesNothing() throws Exception {
        PrometheusScrape before = client.awaitProcessed();
        // the rows must reach Kafka before the database goes: hold the consumer until they are there
        MessageListenerContainer listener = listeners.getListenerContainer("dq-monitor-cdc");
        listener.pause();
        Awaitility.await("the consumer paused").atMost(Duration.ofSeconds(30)).until(listener::isContainerPaused);
        long end = endOffset();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            ids.add(client.insert(9100L + i, "purchase", "-1.00", "db-outage-" + i + "@example.com"));
        }
        Awaitility.await("the rows in Kafka").atMost(Duration.ofSeconds(60)).until(() -> endOffset() >= end + ROWS);
        client.close();
        STACK.stopPostgres();
        try {
            listener.resume();
            JsonNode pipeline = awaitPipelineDown();
            assertThat(pipeline.path("details").path("stage").asString()).isEqualTo("history");
            assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(client.scrape().value("dq_batch_failures_total{stage=\"history\"}"))
                    .isGreaterThan(before.value("dq_batch_failures_total{stage=\"history\"}"));
        } finally {
            STACK.startPostgres();
        }
        client = new PipelineClient(port, STACK.connect());

        Awaitility.await("readiness up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        // the connector lost its replication connection too; the sentinel shows it streams again
        assertEachRowStoredOnce(before, client.awaitProcessed(), "db-outage-", ids);
    }

    @Test
    void aBadRecordInABatchRetriedDuringARedisOutageIsDeadLetteredOnce() throws Exception {
        SyntheticTopic topic = new SyntheticTopic(STACK.bootstrapServers(), "monitoring_server.corpus.outage").create();
        PrometheusScrape before = client.awaitProcessed();
        long bad;
        STACK.redis().stop();
        try {
            // one batch: the bad record is dead-lettered, the good one's Redis write fails, the batch is retried
            bad = topic.send(SyntheticTopic.utf8("{\"payload\": {\"op\": "), SyntheticTopic.utf8(
                    "{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"outage\"},\"after\":{\"id\":1}}"))[0];
            Awaitility.await("a few retries of the batch").atMost(Duration.ofSeconds(60))
                    .until(() -> client.scrape().value("dq_batch_failures_total{stage=\"recent\"}")
                            - before.value("dq_batch_failures_total{stage=\"recent\"}") >= 3);
        } finally {
            STACK.redis().restart();
        }
        Awaitility.await("the good record stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/api/changes?table=corpus.outage").body().contains("\"id\":1"));

        assertThat(Kafka.deadLetterCount(STACK.bootstrapServers(), topic.name(), bad)).isEqualTo(1);
        assertThat(client.scrape().value("cdc_events_rejected_total{reason=\"malformed_json\"}")
                - before.value("cdc_events_rejected_total{reason=\"malformed_json\"}")).isEqualTo(1);
    }

    @Test
    void aRecordThatCannotBeStoredInABatchRetriedDuringARedisOutageIsTheOnlyOneDeadLettered() throws Exception {
        SyntheticTopic topic = new SyntheticTopic(STACK.bootstrapServers(), "monitoring_server.corpus.outage2").create();
        PrometheusScrape before = client.awaitProcessed();
        long[] offsets;
        STACK.redis().stop();
        try {
            offsets = topic.send(good(1), SyntheticTopic.utf8("{\"op\":\"c\",\"source\":{\"schema\":\"public\","
                    + "\"table\":\"user_activities\",\"ts_ms\":-9200000000000000000},\"after\":{\"id\":1,"
                    + "\"amount\":-1}}"), good(2));
            Awaitility.await("the batch retried").atMost(Duration.ofSeconds(60))
                    .until(() -> client.scrape().value("dq_batch_failures_total{stage=\"recent\"}")
                            - before.value("dq_batch_failures_total{stage=\"recent\"}") >= 2);
        } finally {
            STACK.redis().restart();
        }
        Awaitility.await("readiness up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        Awaitility.await("the good records stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("/api/changes?table=corpus.outage2").body(),
                        body -> body.contains("\"id\":1") && body.contains("\"id\":2"));

        assertThat(Kafka.header(topic.deadLetter(offsets[1]), DeadLetterHeaders.REASON))
                .isEqualTo("unprocessable");
        assertThat(Kafka.deadLetterCount(STACK.bootstrapServers(), topic.name(), offsets[1])).isEqualTo(1);
        assertThat(Kafka.deadLetterCount(STACK.bootstrapServers(), topic.name(), offsets[0])).isZero();
        assertThat(Kafka.deadLetterCount(STACK.bootstrapServers(), topic.name(), offsets[2])).isZero();
    }

    /** A change of its own: without an LSN, a commit time or a key, two records would be the same source position. */
    private static byte[] good(int id) {
        return SyntheticTopic.utf8("{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"outage2\","
                + "\"lsn\":" + id + "},\"after\":{\"id\":" + id + "}}");
    }

    @Test
    void aDatabaseOutageFailsCompletenessChecksVisiblyAndTheyResumeAfterIt() throws Exception {
        client.awaitProcessed();
        String failures = "dq_background_task_failures_total{task=\"completeness\"}";
        double before = client.scrape().value(failures);
        client.close();
        STACK.stopPostgres();
        try {
            JsonNode tasks = Awaitility.await("completeness failing").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> readHealth().path("components").path("backgroundTasks"),
                            health -> "DOWN".equals(health.path("status").asString()));
            assertThat(tasks.path("details").path("completeness").path("lastError").asString()).isNotBlank();
            assertThat(client.scrape().value(failures)).isGreaterThan(before);
        } finally {
            STACK.startPostgres();
        }
        client = new PipelineClient(port, STACK.connect());

        Awaitility.await("completeness checking again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> readHealth().path("components").path("backgroundTasks").path("status").asString(),
                        "UP"::equals);
    }

    private long endOffset() throws Exception {
        TopicPartition partition = new TopicPartition("monitoring_server.public.user_activities", 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()))) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    private JsonNode awaitPipelineDown() {
        return Awaitility.await("pipeline health down").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> readHealth().path("components").path("pipeline"),
                        health -> "DOWN".equals(health.path("status").asString()));
    }

    private void assertEachRowStoredOnce(PrometheusScrape before, PrometheusScrape after, String prefix, List<Long> ids)
            throws Exception {
        String created = "cdc_events_total{op=\"create\",table=\"public.user_activities\"}";
        assertThat(after.value(created) - before.value(created)).as("the rows and the sentinel, each once")
                .isEqualTo(ROWS + 1);
        StoredOnce.assertEachRowStoredOnce(client, prefix, ids);
    }

    private JsonNode readHealth() throws Exception {
        // readiness and overall health answer 503 while DOWN; the body still says why
        return PipelineClient.JSON.readTree(client.get("/actuator/health").body());
    }
}
