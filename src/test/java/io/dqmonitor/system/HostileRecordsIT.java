package io.dqmonitor.system;

import static io.dqmonitor.pipeline.SyntheticTopic.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.dqmonitor.metrics.TableLabels;
import io.dqmonitor.pipeline.SyntheticTopic;
import io.dqmonitor.stack.DeadLetterHeaders;
import io.dqmonitor.stack.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

/**
 * Records built to stop or hang the consumer, on the real stack (docs/reliability.md, "Hostile records"): numbers
 * whose plain text would not fit in memory, a long value under a pattern with a repeated group, and a schema block
 * that contradicts its payload. Each once stopped consumption for good with readiness UP; now each has its one
 * outcome, the good record after it is counted exactly once, readiness stays UP and no batch failure is counted. A
 * consumer that stops all the same is shown: readiness DOWN and {@code dq_consumer_running} 0.
 */
@TestPropertySource(properties = {
        "dq.tables.public.corpus_plain.columns.qty.max=100",
        "dq.tables.public.corpus_documents.columns.body.pattern=^([a-z0-9._%+-])+@[a-z0-9.-]+\\.[a-z]{2,}$",
        "dq.metrics.max-tables=0"})
class HostileRecordsIT extends StackIntegrationTest {

    private static final SyntheticTopic TOPIC = new SyntheticTopic(STACK.bootstrapServers(),
            "monitoring_server.corpus.hostile");
    private static final String GOOD = "{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"good\","
            + "\"ts_ms\":1700000000000},\"after\":{\"id\":1}}";
    private static final String GOOD_CREATES = "cdc_events_total{op=\"create\",table=\"" + TableLabels.OVERFLOW + "\"}";
    private static final String QTY_OVER = "dq_violations_total{column=\"qty\",rule=\"range\",table=\"public.corpus_plain\"}";

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private PrometheusScrape before;

    @BeforeAll
    static void createTheTopic() throws Exception {
        TOPIC.create();
    }

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
    }

    @Test
    void aDecimalWhoseScaleIsAHugeNegativeNumberIsAViolationShownInScientificForm() throws Exception {
        // 1 × 10^2000000000: its plain text, which showing the violation once asked for, is two billion characters
        TOPIC.send(utf8("""
                {"schema":{"type":"struct","fields":[{"type":"struct","field":"after","fields":[
                   {"type":"int32","field":"id"},
                   {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"-2000000000"},
                    "field":"qty"}]}]},
                 "payload":{"op":"c","source":{"schema":"public","table":"corpus_plain","ts_ms":1700000000000},
                  "after":{"id":30001,"qty":"AQ=="}}}"""), utf8(GOOD));

        assertGoodRecordCountedOnceAndHealthy();
        assertThat(client.scrape().value(QTY_OVER) - before.value(QTY_OVER)).isEqualTo(1);
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = "
                + "'public.corpus_plain' AND value = '1E+2000000000'")).isEqualTo(1);
    }

    @Test
    void aSchemalessNumberWithAnEnormousExponentIsAViolationShownInScientificForm() throws Exception {
        TOPIC.send(utf8("{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"corpus_plain\"},"
                + "\"after\":{\"id\":30002,\"qty\":2.5e2000000000}}"), utf8(GOOD));

        assertGoodRecordCountedOnceAndHealthy();
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = "
                + "'public.corpus_plain' AND value = '2.5E+2000000000'")).isEqualTo(1);
        assertThat(client.get("/api/changes?limit=100").body()).contains("2.5E+2000000000");
    }

    @Test
    void aLongValueUnderAPatternWithARepeatedGroupIsMatchedOrCountedAsTooLong() throws Exception {
        // java.util.regex needs a stack frame per repetition of the group: this overflowed the consumer's stack
        String longer = "a".repeat(200_000) + "@example.com";
        String underTheBound = "b".repeat(9_000) + "@";
        TOPIC.send(document(30003, longer), document(30004, underTheBound), utf8(GOOD));

        assertGoodRecordCountedOnceAndHealthy();
        PrometheusScrape after = client.scrape();
        assertThat(after.value("dq_rules_skipped_total{reason=\"value_too_long\",table=\"public.corpus_documents\"}")
                - before.value("dq_rules_skipped_total{reason=\"value_too_long\",table=\"public.corpus_documents\"}"))
                .isEqualTo(1);
        assertThat(after.growthSince(before, "dq_violations_total{column=\"body\"")).hasSize(1)
                .containsValue(1.0);
    }

    @Test
    void anAfterStructWithoutItsFieldListIsDeadLetteredAsInvalidSchema() throws Exception {
        long offset = TOPIC.send(utf8("""
                {"schema":{"type":"struct","fields":[{"type":"struct","optional":true,"field":"after"}]},
                 "payload":{"op":"c","source":{"schema":"public","table":"corpus_plain"},"after":{"qty":-1}}}"""),
                utf8(GOOD))[0];

        ConsumerRecord<byte[], byte[]> dead = TOPIC.deadLetter(offset);
        assertThat(Kafka.header(dead, DeadLetterHeaders.REASON)).isEqualTo("invalid_schema");
        assertGoodRecordCountedOnceAndHealthy();
        assertThat(client.scrape().growthSince(before, "cdc_events_rejected_total"))
                .containsOnlyKeys("cdc_events_rejected_total{reason=\"invalid_schema\"}").containsValue(1.0);
    }

    @Test
    void aStoppedConsumerTakesReadinessDownAndSaysSo() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer("dq-monitor-cdc");
        container.stop();
        try {
            Awaitility.await("readiness DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/actuator/health/readiness").statusCode() == 503);
            assertThat(client.scrape().value("dq_consumer_running")).isZero();
            assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            container.start();
        }
        Awaitility.await("readiness UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/actuator/health/readiness").statusCode() == 200);
        assertThat(client.scrape().value("dq_consumer_running")).isEqualTo(1);
        assertThat(client.scrape().value("dq_consumer_stops_total{reason=\"normal\"}")).isGreaterThanOrEqualTo(1);
        client.awaitProcessed();
    }

    private static byte[] document(int id, String body) {
        return utf8("{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"corpus_documents\"},"
                + "\"after\":{\"id\":" + id + ",\"body\":\"" + body + "\"}}");
    }

    /** The good record after the hostile ones: counted exactly once, readiness UP, no failed batch, alive. */
    private void assertGoodRecordCountedOnceAndHealthy() throws Exception {
        PrometheusScrape after = client.awaitGrowth(before, GOOD_CREATES, 1);
        assertThat(after.growthSince(before, "cdc_events_rejected_total{reason=\"unprocessable\"}")).isEmpty();
        assertThat(client.awaitProcessed().value(GOOD_CREATES) - before.value(GOOD_CREATES)).isEqualTo(1);
        assertThat(after.growthSince(before, "dq_batch_failures_total")).isEmpty();
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(client.scrape().value("dq_consumer_running")).isEqualTo(1);
    }
}
