package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL writes into a real PostgreSQL, captured by a real Debezium connector in a real Kafka Connect worker (default
 * JSON converter, schemas on), through a real Kafka broker to dq-monitor, which stores them in a real Redis. Each test
 * measures what its own writes changed: it ends its writes with a sentinel row and, once the sentinel is visible,
 * everything written before it has been processed (one partition keeps commit order).
 */
class PipelineIT extends StackIntegrationTest {

    private static final String TABLE = "public.user_activities";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    private PrometheusScrape before;

    /** The topic of the reference table's changes that the service reads. */
    protected String topic() {
        return "monitoring_server.public.user_activities";
    }

    @BeforeEach
    void scrape() throws Exception {
        before = client.scrape();
    }

    @Test
    void validRowsAreCountedWithoutViolations() throws Exception {
        client.insert(1L, "login", null, "ann@example.com");
        client.insert(2L, "purchase", "19.99", "bob@example.com");
        client.insert(3L, "profile_update", null, "cy@example.com");
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "cdc_events_total"))
                .isEqualTo(Map.of(events("create"), 4.0));
        assertThat(after.growthSince(before, "dq_violations_total")).isEmpty();
    }

    @Test
    void eachBadRowCountsUnderItsColumnAndRule() throws Exception {
        client.insert(null, "login", null, "ann@example.com");
        client.insert(4L, "teleport", null, "ann@example.com");
        client.insert(4L, "purchase", "-5.00", "ann@example.com");
        client.insert(4L, "purchase", "100000.01", "ann@example.com");
        client.insert(4L, "login", null, "not-an-email");
        client.insert(4L, "purchase", null, "ann@example.com");
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "cdc_events_total")).isEqualTo(Map.of(events("create"), 7.0));
        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                violations("user_id", "not_null"), 1.0,
                violations("activity_type", "allowed_values"), 1.0,
                violations("amount", "range"), 2.0,
                violations("email", "pattern"), 1.0,
                violations("amount", "not_null"), 1.0));
    }

    @Test
    void updatesAndDeletesAreCountedAndTheirTombstonesSkipped() throws Exception {
        long id = client.insert(5L, "login", null, "dee@example.com");
        client.execute("UPDATE public.user_activities SET activity_type = 'hack' WHERE id = " + id);
        client.execute("DELETE FROM public.user_activities WHERE id = " + id);
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "cdc_events_total")).isEqualTo(Map.of(
                events("create"), 2.0, events("update"), 1.0, events("delete"), 1.0));
        String tombstones = "cdc_records_skipped_total{reason=\"tombstone\"}";
        assertThat(after.value(tombstones) - before.value(tombstones)).isEqualTo(1.0);
        assertThat(after.growthSince(before, "dq_violations_total"))
                .isEqualTo(Map.of(violations("activity_type", "allowed_values"), 1.0));
    }

    @Test
    void truncateIsCounted() throws Exception {
        client.execute("TRUNCATE public.user_activities");
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "cdc_events_total"))
                .isEqualTo(Map.of(events("truncate"), 1.0, events("create"), 1.0));
    }

    @Test
    void recentChangesAreNewestFirstWithDecodedDecimalsAndViolations() throws Exception {
        long first = client.insert(6L, "purchase", "42.50", "eve@example.com");
        long second = client.insert(7L, "purchase", "-1.00", "eve@example.com");
        client.awaitProcessed();

        JsonNode changes = client.getJson("/api/changes?limit=3&op=create");
        assertThat(changes.size()).isEqualTo(3);
        JsonNode newestReal = changes.get(1);
        assertThat(newestReal.path("key").path("id").asLong()).isEqualTo(second);
        assertThat(newestReal.path("violations").get(0).path("column").asString()).isEqualTo("amount");
        assertThat(newestReal.path("violations").get(0).path("rule").asString()).isEqualTo("range");
        assertThat(newestReal.path("violations").get(0).path("value").asString()).isEqualTo("-1");
        JsonNode older = changes.get(2);
        assertThat(older.path("key").path("id").asLong()).isEqualTo(first);
        assertThat(older.path("after").path("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("42.50"));
        assertThat(older.path("after").path("details").path("source").asString()).isEqualTo("it");
        assertThat(older.path("table").asString()).isEqualTo(TABLE);
        assertThat(older.path("lsn").asLong()).isPositive();
        assertThat(older.path("txId").asLong()).isPositive();
        assertThat(older.path("sourceTimestamp").asString()).endsWith("Z");
        assertThat(older.path("violations").size()).isZero();
    }

    @Test
    void redisHoldsTheSameEntriesNewestFirst() throws Exception {
        long id = client.insert(8L, "login", null, "fay@example.com");
        client.awaitProcessed();

        List<String> entries = redis.opsForList().range("recent_changes", 0, 1);
        assertThat(JSON.readTree(entries.get(0)).path("after").path("email").asString()).startsWith("sentinel-");
        assertThat(JSON.readTree(entries.get(1)).path("key").path("id").asLong()).isEqualTo(id);
        assertThat(redis.opsForList().size("recent_changes")).isLessThanOrEqualTo(100);
    }

    @Test
    void changesCanBeFilteredByTableAndOp() throws Exception {
        long id = client.insert(10L, "login", null, "gus@example.com");
        client.execute("DELETE FROM public.user_activities WHERE id = " + id);
        client.awaitProcessed();

        JsonNode deletes = client.getJson("/api/changes?table=" + TABLE + "&op=delete&limit=1");
        assertThat(deletes.size()).isEqualTo(1);
        assertThat(deletes.get(0).path("op").asString()).isEqualTo("delete");
        assertThat(deletes.get(0).path("before").path("id").asLong()).isEqualTo(id);
        assertThat(client.getJson("/api/changes?table=public.nothing_here").size()).isZero();
    }

    @Test
    void anUnparseableRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        kafka.send(topic(), "not json at all".getBytes(StandardCharsets.UTF_8)).get();
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "cdc_events_rejected_total"))
                .isEqualTo(Map.of("cdc_events_rejected_total{reason=\"malformed_json\"}", 1.0));
        ConsumerRecord<byte[], byte[]> dead = lastDeadLetter();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("malformed_json");
        assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(topic());
    }

    @Test
    void aBadLimitGetsA400WithAMessage() throws Exception {
        HttpResponse<String> response = client.get("/api/changes?limit=1000");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("limit must be between 1 and 100");
    }

    @Test
    void anUnknownOpGetsA400WithAMessage() throws Exception {
        HttpResponse<String> response = client.get("/api/changes?op=upsert");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("op must be one of");
    }

    @Test
    void healthCoversKafkaRedisAndTheDatabase() throws Exception {
        JsonNode health = client.getJson("/actuator/health");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String component : List.of("kafka", "redis", "db")) {
            assertThat(health.path("components").path(component).path("status").asString()).as(component).isEqualTo("UP");
        }
        assertThat(client.getJson("/actuator/health/readiness").path("status").asString()).isEqualTo("UP");
        assertThat(client.getJson("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
    }

    private ConsumerRecord<byte[], byte[]> lastDeadLetter() {
        TopicPartition partition = new TopicPartition(topic() + "-dlt", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", STACK.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, end - 1);
            return consumer.poll(Duration.ofSeconds(10)).records(partition).get(0);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String events(String op) {
        return PrometheusScrape.events(TABLE, op);
    }

    private static String violations(String column, String rule) {
        return PrometheusScrape.violations(TABLE, column, rule);
    }
}
