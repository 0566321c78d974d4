package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.dqmonitor.pipeline.SyntheticTopic;
import io.dqmonitor.stack.DeadLetterHeaders;
import io.dqmonitor.stack.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The bad-record corpus: every kind of odd record a Debezium topic can carry, each with its defined outcome, on the
 * real stack. Records Debezium writes itself (tombstones, truncates, heartbeats, transaction markers, snapshot reads,
 * TOAST placeholders, type and key changes, a 5 MB row) come from SQL through the connector; records no connector
 * writes (broken JSON, foreign bytes, ...) are produced to a topic dq-monitor subscribes to. Every unparseable record
 * must reach {@code <topic>-dlt} with its reason in headers and count in {@code cdc_events_rejected_total{reason}}.
 * The outcomes are listed in docs/reliability.md.
 */
@TestPropertySource(properties = {
        "dq.tables.public.corpus_plain.columns.qty.min=0",
        "dq.tables.public.corpus_documents.columns.body.pattern=^[0-9a-f]+$",
        "dq.tables.public.corpus_big.columns.body.pattern=^a*$",
        // matched whole: the excerpt of a violating value is what this class shows of a 5 MB row
        "dq.tables.public.corpus_big.columns.body.pattern-max-length=6000000"})
class BadRecordsIT extends StackIntegrationTest {

    /** Matches the shipped topic pattern; its records are at most 16 MB, like the connector's topics here. */
    static final String SYNTHETIC = "monitoring_server.corpus.synthetic";
    private static final SyntheticTopic TOPIC = new SyntheticTopic(STACK.bootstrapServers(), SYNTHETIC);
    private static final String SOURCE = "\"source\":{\"connector\":\"postgresql\",\"schema\":\"public\",\"table\":\"corpus_plain\"}";

    private PrometheusScrape before;

    @BeforeAll
    static void createTheSyntheticTopic() throws Exception {
        TOPIC.create();
    }

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
    }

    // --- records that cannot be parsed: dead-letter topic, reason header, counter ---

    @Test
    void malformedJsonIsDeadLettered() throws Exception {
        assertDeadLettered(utf8("{\"payload\": {\"op\": \"c\", "), "malformed_json");
    }

    @Test
    void bytesThatAreNotJsonAreDeadLettered() throws Exception {
        assertDeadLettered(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, "malformed_json");
    }

    @Test
    void anEmptyValueIsDeadLettered() throws Exception {
        assertDeadLettered(new byte[0], "empty_value");
    }

    @Test
    void jsonThatIsNotAnObjectIsDeadLettered() throws Exception {
        assertDeadLettered(utf8("\"just a string\""), "not_an_envelope");
    }

    @Test
    void anUnknownOpIsDeadLettered() throws Exception {
        assertDeadLettered(utf8("{\"op\":\"x\"," + SOURCE + ",\"after\":{\"id\":1}}"), "unknown_op");
    }

    @Test
    void anEnvelopeWithoutSourceIsDeadLettered() throws Exception {
        assertDeadLettered(utf8("{\"op\":\"c\",\"after\":{\"id\":1,\"qty\":1}}"), "missing_source");
    }

    @Test
    void jsonNestedTooDeeplyIsDeadLettered() throws Exception {
        String nested = "[".repeat(10_000) + "]".repeat(10_000);
        assertDeadLettered(utf8("{\"op\":\"c\"," + SOURCE + ",\"after\":{\"id\":1,\"note\":" + nested + "}}"),
                "exceeds_limits");
    }

    @Test
    void invalidUtf8IsDeadLettered() throws Exception {
        byte[] value = utf8("{\"op\":\"c\"," + SOURCE + ",\"after\":{\"id\":1,\"note\":\"caf??\"}}");
        int at = new String(value, StandardCharsets.UTF_8).indexOf("??");
        value[at] = (byte) 0xc3;
        value[at + 1] = (byte) 0x28;
        assertDeadLettered(value, "malformed_json");
    }

    @Test
    void aValueThatContradictsItsSchemaIsDeadLettered() throws Exception {
        assertDeadLettered(utf8("""
                {"schema":{"type":"struct","fields":[{"type":"struct","field":"after","fields":[
                   {"type":"int32","field":"id"},
                   {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"},"field":"qty"}]}]},
                 "payload":{"op":"c",%s,"after":{"id":1,"qty":"not base64!"}}}""".formatted(SOURCE)),
                "undecodable_value");
    }

    @Test
    void aFiveMegabyteRecordTooLargeForTheDeadLetterTopicIsDeadLetteredWithoutItsValue() throws Exception {
        byte[] value = utf8("{\"op\":\"c\"," + SOURCE + ",\"after\":{\"note\":\"" + "x".repeat(5 * 1024 * 1024));
        long offset = send(value);
        ConsumerRecord<byte[], byte[]> dead = TOPIC.deadLetter(offset);
        assertThat(dead.value()).isNull();
        assertThat(Kafka.header(dead, DeadLetterHeaders.REASON)).isEqualTo("malformed_json");
        assertThat(Kafka.header(dead, DeadLetterHeaders.VALUE_OMITTED)).startsWith(value.length + " bytes");
        awaitGrowth("cdc_events_rejected_total{reason=\"malformed_json\"}", 1);
    }

    // --- records that carry no row change: counted as skipped, nothing stored ---

    @Test
    void aTombstoneAfterADeleteIsSkipped() throws Exception {
        client.execute("INSERT INTO public.corpus_unruled VALUES (1001, 'doomed')");
        client.execute("DELETE FROM public.corpus_unruled WHERE id = 1001");
        PrometheusScrape after = awaitGrowth("cdc_records_skipped_total{reason=\"tombstone\"}", 1);
        assertThat(growth(after, PrometheusScrape.events("public.corpus_unruled", "delete"))).isEqualTo(1);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
    }

    @Test
    void heartbeatsAreSkippedAndShowThePipelineIsAlive() throws Exception {
        PrometheusScrape after = Awaitility.await("a heartbeat").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500)).until(client::scrape,
                        s -> growth(s, "cdc_records_skipped_total{reason=\"heartbeat\"}") >= 1);
        String heartbeat = "cdc_heartbeat_timestamp_seconds{connector=\"monitoring_server\"}";
        assertThat(after.value(heartbeat)).isGreaterThan(before.value(heartbeat));
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
    }

    @Test
    void transactionMarkersAreSkipped() throws Exception {
        client.execute("BEGIN; INSERT INTO public.corpus_unruled VALUES (2001, 'a'), (2002, 'b'); COMMIT");
        PrometheusScrape after = awaitGrowth("cdc_records_skipped_total{reason=\"transaction_metadata\"}", 2);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
    }

    // --- row changes of every shape: checked as far as they can be, never rejected ---

    @Test
    void aTruncateIsCountedAndShownWithoutRowImages() throws Exception {
        client.execute("INSERT INTO public.corpus_unruled VALUES (3001, 'gone soon')");
        client.execute("TRUNCATE public.corpus_unruled");
        awaitGrowth(PrometheusScrape.events("public.corpus_unruled", "truncate"), 1);
        JsonNode truncate = client.getJson("/api/changes?table=public.corpus_unruled&op=truncate").get(0);
        assertThat(truncate.path("before").isNull()).isTrue();
        assertThat(truncate.path("after").isNull()).isTrue();
    }

    @Test
    void snapshotReadsOfAnAdHocSnapshotAreCheckedLikeInserts() throws Exception {
        client.execute("INSERT INTO public.corpus_plain VALUES (4001, 3, 'fine'), (4002, -7, 'negative')");
        client.execute("INSERT INTO public.corpus_signal VALUES ('snapshot-4000', 'execute-snapshot', "
                + "'{\"data-collections\": [\"public.corpus_plain\"], \"type\": \"incremental\"}')");
        awaitGrowth(PrometheusScrape.events("public.corpus_plain", "read"), 2);
        Awaitility.await("the read of row 4002 in the history").atMost(Duration.ofSeconds(30)).until(() -> client.queryLong(
                "SELECT count(*) FROM dq_monitor.violations WHERE table_name = 'public.corpus_plain' AND op = 'read' "
                        + "AND rule = 'range' AND value = '-7' AND row_key->>'id' = '4002'") == 1);
    }

    @Test
    void anUnavailableToastedValueIsNotAViolationButCountedAsUnavailable() throws Exception {
        // random hex does not compress below the TOAST threshold, so the body is stored out of line
        client.execute("INSERT INTO public.corpus_documents SELECT 5001, 'draft', string_agg(md5(random()::text), '') "
                + "FROM generate_series(1, 500)");
        client.execute("UPDATE public.corpus_documents SET title = 'final' WHERE id = 5001");
        PrometheusScrape after = awaitGrowth(PrometheusScrape.events("public.corpus_documents", "update"), 1);
        assertThat(growth(after, "dq_rules_skipped_total{reason=\"unavailable_value\",table=\"public.corpus_documents\"}"))
                .isEqualTo(1);
        assertThat(growth(after, "cdc_unavailable_values_total{column=\"body\",table=\"public.corpus_documents\"}"))
                .isEqualTo(1);
        assertThat(after.growthSince(before, "dq_violations_total")).isEmpty();
        // marked as unknown, not shown as if the placeholder were the value
        JsonNode update = client.getJson("/api/changes?table=public.corpus_documents&op=update").get(0);
        assertThat(update.path("unavailable").toString()).isEqualTo("[\"body\"]");
        assertThat(update.path("after").has("body")).isFalse();
        assertThat(update.path("after").path("title").asString()).isEqualTo("final");
    }

    @Test
    void aFiveMegabyteRowIsCheckedAndKeptAsAnExcerpt() throws Exception {
        client.execute("INSERT INTO public.corpus_big VALUES (6001, repeat('b', 5000000))");
        awaitGrowth(PrometheusScrape.events("public.corpus_big", "create"), 1);
        String excerpt = "b".repeat(1000) + "… (5000000 characters)";
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = 'public.corpus_big' "
                + "AND rule = 'pattern' AND value = '" + excerpt + "'")).isEqualTo(1);
        JsonNode create = client.getJson("/api/changes?table=public.corpus_big").get(0);
        assertThat(create.path("after").path("body").asString()).isEqualTo(excerpt);
    }

    @Test
    void aValueOfTheWrongTypeForItsRuleIsAViolation() throws Exception {
        send(utf8("{\"op\":\"u\"," + SOURCE.replace("}", ",\"ts_ms\":1}") + ",\"before\":{\"id\":7001,\"qty\":1},"
                + "\"after\":{\"id\":7001,\"qty\":\"lots\"}}"));
        PrometheusScrape after = awaitGrowth(
                "dq_violations_total{column=\"qty\",rule=\"range\",table=\"public.corpus_plain\"}", 1);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = 'public.corpus_plain' "
                + "AND value = 'lots' AND row_key IS NULL")).isEqualTo(1);
    }

    @Test
    void aColumnTypeChangeIsSchemaDriftAndTheRuleStillApplies() throws Exception {
        client.execute("INSERT INTO public.corpus_plain VALUES (8001, 1, 'before')");
        client.execute("ALTER TABLE public.corpus_plain ALTER COLUMN qty TYPE bigint");
        client.execute("INSERT INTO public.corpus_plain VALUES (8002, -1, 'after')");
        PrometheusScrape after = awaitGrowth(
                "dq_schema_changes_total{change=\"type_changed\",table=\"public.corpus_plain\"}", 1);
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = "
                + "'public.corpus_plain' AND column_name = 'qty' AND old_type = 'int32' AND new_type = 'int64'"))
                .isEqualTo(1);
        Awaitility.await("the violation of row 8002").atMost(Duration.ofSeconds(30)).until(() -> client.queryLong(
                "SELECT count(*) FROM dq_monitor.violations WHERE table_name = 'public.corpus_plain' "
                        + "AND row_key->>'id' = '8002' AND rule = 'range'") == 1);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).isEmpty();
    }

    @Test
    void aPrimaryKeyChangeIsADeleteOfTheOldKeyAndACreateOfTheNewOne() throws Exception {
        client.execute("INSERT INTO public.corpus_unruled VALUES (9001, 'moving')");
        client.execute("UPDATE public.corpus_unruled SET id = 9002 WHERE id = 9001");
        PrometheusScrape after = awaitGrowth(PrometheusScrape.events("public.corpus_unruled", "delete"), 1);
        assertThat(growth(after, PrometheusScrape.events("public.corpus_unruled", "create"))).isEqualTo(2);
        assertThat(growth(after, "cdc_records_skipped_total{reason=\"tombstone\"}")).isEqualTo(1);
        JsonNode changes = client.getJson("/api/changes?table=public.corpus_unruled&limit=3");
        assertThat(changes.get(0).path("op").asString()).isEqualTo("create");
        assertThat(changes.get(0).path("key").path("id").asLong()).isEqualTo(9002);
        assertThat(changes.get(1).path("op").asString()).isEqualTo("delete");
        assertThat(changes.get(1).path("key").path("id").asLong()).isEqualTo(9001);
    }

    @Test
    void aTableWithoutRulesIsCountedAndShownButNeverViolates() throws Exception {
        client.execute("INSERT INTO public.corpus_unruled VALUES (10001, NULL)");
        PrometheusScrape after = awaitGrowth(PrometheusScrape.events("public.corpus_unruled", "create"), 1);
        assertThat(after.growthSince(before, "dq_violations_total")).isEmpty();
        assertThat(client.getJson("/api/changes?table=public.corpus_unruled").get(0).path("key").path("id").asLong())
                .isEqualTo(10001);
    }

    @Test
    void anEnvelopeFromAnUnknownConnectorIsReadByItsSourceBlock() throws Exception {
        send(utf8("{\"op\":\"c\",\"source\":{\"connector\":\"db2-fork\",\"db\":\"erp\",\"schema\":\"corpus\","
                + "\"table\":\"orders\",\"ts_ms\":1700000000000},\"after\":{\"id\":11001,\"total\":5}}"));
        awaitGrowth(PrometheusScrape.events("corpus.orders", "create"), 1);
        assertThat(client.getJson("/api/changes?table=corpus.orders").get(0).path("after").path("total").asLong())
                .isEqualTo(5);
    }

    private void assertDeadLettered(byte[] value, String reason) throws Exception {
        long offset = send(value);
        ConsumerRecord<byte[], byte[]> dead = TOPIC.deadLetter(offset);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(Kafka.header(dead, DeadLetterHeaders.REASON)).isEqualTo(reason);
        assertThat(Kafka.header(dead, DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(Kafka.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(SYNTHETIC);
        PrometheusScrape after = awaitGrowth("cdc_events_rejected_total{reason=\"" + reason + "\"}", 1);
        assertThat(after.growthSince(before, "cdc_events_rejected_total")).hasSize(1);
    }

    private long send(byte[] value) throws Exception {
        return TOPIC.send(value)[0];
    }

    private PrometheusScrape awaitGrowth(String series, double atLeast) {
        return client.awaitGrowth(before, series, atLeast);
    }

    private double growth(PrometheusScrape after, String series) {
        return after.value(series) - before.value(series);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
