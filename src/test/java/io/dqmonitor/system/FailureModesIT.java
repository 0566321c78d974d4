package io.dqmonitor.system;

import static io.dqmonitor.pipeline.SyntheticTopic.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.dqmonitor.metrics.TableLabels;
import io.dqmonitor.pipeline.SyntheticTopic;
import io.dqmonitor.stack.DeadLetterHeaders;
import io.dqmonitor.stack.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The failure model on the real stack (docs/reliability.md): records that once stopped the pipeline or went to the
 * dead-letter topic for being what Debezium normally sends. Each test writes a bad record followed by a good one and
 * shows: the bad one has its one outcome, the good one is counted exactly once, readiness stays UP and no batch
 * failure is counted. Tables without rules share one label here ({@code dq.metrics.max-tables=0}).
 */
@TestPropertySource(properties = {
        "dq.tables.public.corpus_plain.columns.qty.min=0",
        "dq.tables.public.corpus_documents.columns.body.pattern=^[0-9a-f]+$",
        "dq.metrics.max-tables=0"})
class FailureModesIT extends StackIntegrationTest {

    private static final SyntheticTopic TOPIC = new SyntheticTopic(STACK.bootstrapServers(),
            "monitoring_server.corpus.failures");
    private static final String GOOD = "{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"good\","
            + "\"ts_ms\":1700000000000},\"after\":{\"id\":1}}";
    private static final String OTHER_CREATES = "cdc_events_total{op=\"create\",table=\"" + TableLabels.OVERFLOW + "\"}";

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
    void aDecimalWhoseScaleIsNotANumberIsDeadLetteredAndTheNextRecordIsCounted() throws Exception {
        byte[] bad = utf8("""
                {"schema":{"type":"struct","fields":[{"type":"struct","field":"after","fields":[
                   {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"two"},"field":"qty"}]}]},
                 "payload":{"op":"c","source":{"schema":"public","table":"corpus_plain"},"after":{"qty":"AQ=="}}}""");
        long offset = TOPIC.send(bad, utf8(GOOD))[0];

        assertDeadLettered(offset, "invalid_schema");
        assertGoodRecordCountedOnceAndHealthy();
    }

    @Test
    void aSourceTimestampPostgresCannotHoldIsDeadLetteredAsUnprocessableAndTheNextRecordIsCounted() throws Exception {
        // a violation, so the event has history to store; its commit time is some 290 million years ago (one as far
        // ahead would not be stored: a time ahead of the clock is dropped)
        long offset = TOPIC.send(utf8("{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"corpus_plain\","
                + "\"ts_ms\":-9200000000000000000},\"after\":{\"id\":20001,\"qty\":-1}}"), utf8(GOOD))[0];

        ConsumerRecord<byte[], byte[]> dead = assertDeadLettered(offset, "unprocessable");
        assertThat(Kafka.header(dead, DeadLetterHeaders.DETAIL)).containsIgnoringCase("timestamp");
        assertGoodRecordCountedOnceAndHealthy();
    }

    @Test
    void aNulCharacterInAViolationAndItsKeyIsStoredEscaped() throws Exception {
        String id = UUID.randomUUID().toString();
        TOPIC.sendKeyed(utf8("{\"id\":\"" + id + "\\u0000\"}"), utf8("{\"op\":\"c\",\"source\":{\"schema\":"
                + "\"public\",\"table\":\"corpus_documents\"},\"after\":{\"body\":\"ab\\u0000cd\"}}"));
        TOPIC.send(utf8(GOOD));

        assertGoodRecordCountedOnceAndHealthy();
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE value = 'ab\\u0000cd' AND "
                + "row_key->>'id' = '" + id + "\\u0000'")).isEqualTo(1);
    }

    @Test
    void namesTooLongForAnIndexAreStoredAndShownCut() throws Exception {
        String table = "corpus.t" + "0123456789abcdef".repeat(200);
        String column = "c" + "fedcba9876543210".repeat(200);
        String source = "\"source\":{\"schema\":\"" + table.split("\\.")[0] + "\",\"table\":\"" + table.split("\\.")[1]
                + "\"}";
        TOPIC.send(utf8("{\"op\":\"c\"," + source + ",\"after\":{\"id\":1}}"),
                utf8("{\"op\":\"c\"," + source + ",\"after\":{\"id\":2,\"" + column + "\":3}}"), utf8(GOOD));

        awaitGrowth(OTHER_CREATES, 3);
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE change = 'added' AND "
                + "table_name LIKE 'corpus.t0123456789abcdef%(3208 characters)' AND column_name LIKE 'cfedcba%'"))
                .isEqualTo(1);
        // cut where it is read, so no response, label or log line carries the whole name either
        client.getJson("/api/quality").forEach(quality -> assertThat(quality.path("table").asString())
                .hasSizeLessThanOrEqualTo(200));
        assertHealthy();
    }

    @Test
    void aLogicalDecodingMessageIsSkippedNotDeadLettered() throws Exception {
        client.execute("SELECT pg_logical_emit_message(true, 'dq-it', 'hello')");

        awaitGrowth("cdc_records_skipped_total{reason=\"logical_message\"}", 1);
        assertThat(client.awaitProcessed().growthSince(before, "cdc_events_rejected_total")).isEmpty();
    }

    @Test
    void tablesBeyondTheLabelLimitShareOneLabelAndTablesWithRulesKeepTheirs() throws Exception {
        TOPIC.send(utf8(GOOD.replace("\"good\"", "\"" + UUID.randomUUID() + "\"")));

        awaitGrowth(OTHER_CREATES, 1);
        PrometheusScrape after = client.awaitProcessed();
        assertThat(after.growthSince(before, "cdc_events_total")).containsKey(OTHER_CREATES)
                .containsKey("cdc_events_total{op=\"create\",table=\"public.user_activities\"}")
                .allSatisfy((series, growth) -> assertThat(series)
                        .containsAnyOf(TableLabels.OVERFLOW, "public.user_activities"));
    }

    @Test
    void aNewTopicIsConsumedWithinSeconds() throws Exception {
        SyntheticTopic fresh = new SyntheticTopic(STACK.bootstrapServers(),
                "monitoring_server.corpus.fresh_" + UUID.randomUUID().toString().substring(0, 8)).create();
        fresh.send(utf8(GOOD));

        // metadata.max.age.ms is 5 s: the pattern subscription takes the topic up at the next refresh
        Awaitility.await("the new topic consumed").atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.scrape().value(OTHER_CREATES) - before.value(OTHER_CREATES) >= 1);
    }

    private ConsumerRecord<byte[], byte[]> assertDeadLettered(long offset, String reason) throws Exception {
        ConsumerRecord<byte[], byte[]> dead = TOPIC.deadLetter(offset);
        assertThat(Kafka.header(dead, DeadLetterHeaders.REASON)).isEqualTo(reason);
        PrometheusScrape after = awaitGrowth("cdc_events_rejected_total{reason=\"" + reason + "\"}", 1);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).hasSize(1);
        return dead;
    }

    /** The good record after the bad one: counted exactly once, readiness UP, no failed batch. */
    private void assertGoodRecordCountedOnceAndHealthy() throws Exception {
        PrometheusScrape after = awaitGrowth(OTHER_CREATES, 1);
        assertThat(client.awaitProcessed().value(OTHER_CREATES) - before.value(OTHER_CREATES)).isEqualTo(1);
        assertThat(after.growthSince(before, "dq_batch_failures_total")).isEmpty();
        assertHealthy();
    }

    private void assertHealthy() throws Exception {
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(client.scrape().growthSince(before, "dq_batch_failures_total")).isEmpty();
    }

    private PrometheusScrape awaitGrowth(String series, double atLeast) {
        return client.awaitGrowth(before, series, atLeast);
    }
}
