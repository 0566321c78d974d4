package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dqmonitor.cdc.MongoEnvelopes.Change;
import io.dqmonitor.cdc.MongoEnvelopes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * MongoDB changes through the whole pipeline (real Kafka, dq-monitor, Redis, PostgreSQL) with the shipped MongoDB
 * rules ({@code mongodb/dq-monitor.yml}). No MongoDB server or connector runs on these machines, so the records are
 * built as the Debezium MongoDB connector documents them ({@link MongoEnvelopes}) and produced to the topic it would
 * write, {@code monitoring_mongodb.app.user_activities}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = {
        "--spring.config.additional-location=file:mongodb/dq-monitor.yml", "--dq.completeness.interval=500ms"})
class MongoDbEnvelopesIT extends StackIntegrationTest {

    static final String TABLE = "app.user_activities";
    static final String TOPIC = "monitoring_mongodb.app.user_activities";

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private KafkaProducer<byte[], byte[]> producer;
    private int ord;
    private PrometheusScrape before;
    private long historyBefore;

    @BeforeEach
    void createTheTopicAndAProducer() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", STACK.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
        before = awaitProcessed();
        historyBefore = historyRows();
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void createsUpdatesDeletesAndATombstoneGiveExactCountsViolationsAndHistory() throws Exception {
        send("1", Change.create(doc(1, 7, "login", "a@example.com", "ios")));
        send("2", Change.create(doc(2, null, "login", "not-an-email", "toaster")));
        // without the full document: only the amount it set is checked
        send("1", MongoEnvelopes.update(null, "{\"amount\": -5}", null));
        // with the full document and its pre-image: user_id is immutable
        send("1", MongoEnvelopes.update(doc(1, 8, "login", "a@example.com", "ios"), "{\"user_id\": 8}", null)
                .withBefore(doc(1, 7, "login", "a@example.com", "ios")));
        send("2", MongoEnvelopes.delete(doc(2, null, "login", "not-an-email", "toaster")));
        tombstone("2");
        PrometheusScrape after = awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                violations("user_id", "not_null"), 1.0,
                violations("email", "pattern"), 1.0,
                violations("device.os", "allowed_values"), 1.0,
                violations("amount", "range"), 1.0,
                violations("user_id", "immutable"), 1.0));
        // two creates and the sentinel, two updates, one delete
        assertThat(after.growthSince(before, "cdc_events_total")).containsAllEntriesOf(Map.of(
                events("create"), 3.0, events("update"), 2.0, events("delete"), 1.0));
        assertThat(after.growthSince(before, "dq_rules_skipped_total")).isEqualTo(Map.of(
                "dq_rules_skipped_total{reason=\"not_in_update\",table=\"" + TABLE + "\"}", 1.0));
        assertThat(after.value("cdc_records_skipped_total{reason=\"tombstone\"}")
                - before.value("cdc_records_skipped_total{reason=\"tombstone\"}")).isEqualTo(1.0);
        assertThat(historyRows() - historyBefore).isEqualTo(5);
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = '" + TABLE
                + "' AND (source_position NOT LIKE 'sec=%;ord=%' OR lsn IS NOT NULL)")).isZero();
    }

    @Test
    void aFieldAppearingInADocumentIsSchemaDrift() throws Exception {
        send("3", Change.create(doc(3, 9, "login", "c@example.com", "web")
                .replace("}}", "}, \"referrer\": {\"campaign\": \"spring\"}}")));
        PrometheusScrape after = awaitProcessed();

        assertThat(after.growthSince(before, "dq_schema_changes_total")).containsAllEntriesOf(Map.of(
                "dq_schema_changes_total{change=\"added\",table=\"" + TABLE + "\"}", 1.0));
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND column_name = 'referrer.campaign' AND new_type = 'string'")).isEqualTo(1);
    }

    @Test
    void theRecentListShowsTheFlatDocumentAndItsOplogPosition() throws Exception {
        send("4", Change.create(doc(4, 10, "purchase", "d@example.com", "android")
                .replace("\"amount\": null", "\"amount\": {\"$numberDecimal\": \"19.990\"}")));
        awaitProcessed();

        JsonNode change = null;
        for (JsonNode entry : client.getJson("/api/changes?table=" + TABLE)) {
            if ("4".equals(entry.path("key").path("_id").asString())) {
                change = entry;
            }
        }
        assertThat(change).isNotNull();
        assertThat(change.path("after").path("device.os").asString()).isEqualTo("android");
        assertThat(change.path("after").path("amount").decimalValue()).isEqualByComparingTo("19.990");
        assertThat(change.path("source").asString()).isEqualTo("mongodb");
        assertThat(change.path("sourcePosition").asString()).startsWith("sec=");
        assertThat(change.path("lsn").isNull()).isTrue();
    }

    @Test
    void replayingTheTopicAddsNoHistoryRows() throws Exception {
        long from = endOffset();
        send("5", Change.create(doc(5, null, "teleport", "e@example.com", "ios")));
        awaitProcessed();
        long history = historyRows();
        PrometheusScrape beforeReplay = client.scrape();

        replayFrom(from);
        PrometheusScrape after = awaitProcessed();

        // the document and the first sentinel again, and the new sentinel
        assertThat(after.value(events("create")) - beforeReplay.value(events("create"))).isEqualTo(3);
        assertThat(historyRows()).isEqualTo(history);
    }

    @Test
    void collectionsAreNotCountedForCompleteness() throws Exception {
        Awaitility.await("a completeness check of the other tables").atMost(Duration.ofSeconds(30))
                .until(() -> client.scrape().samples().keySet().stream()
                        .anyMatch(series -> series.startsWith("dq_cdc_row_count_drift{")));
        assertThat(client.scrape().samples().keySet()).noneMatch(series -> series.contains(TABLE)
                && series.startsWith("dq_cdc_row_count_drift"));
        assertThat(client.scrape().value("dq_background_task_failures_total{task=\"completeness\"}"))
                .isEqualTo(before.value("dq_background_task_failures_total{task=\"completeness\"}"));
    }

    /** Sends a sentinel document and waits until it shows in /api/changes; the scrape then. */
    private PrometheusScrape awaitProcessed() throws Exception {
        String email = "sentinel-" + UUID.randomUUID() + "@example.com";
        send("\"" + email + "\"", Change.create(doc(0, 0, "login", email, "web").replace("\"_id\": 0",
                "\"_id\": \"" + email + "\"")));
        Awaitility.await("MongoDB change with email " + email).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/api/changes?limit=100").body().contains(email));
        return client.scrape();
    }

    private void send(String id, Change change) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, MongoEnvelopes.key("app", "user_activities", id),
                MongoEnvelopes.value("app", "user_activities", System.currentTimeMillis(), ++ord, change))).get();
    }

    private void tombstone(String id) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, MongoEnvelopes.key("app", "user_activities", id), null)).get();
    }

    private static String doc(long id, Integer userId, String type, String email, String os) {
        return "{\"_id\": " + id + ", \"user_id\": " + userId + ", \"activity_type\": \"" + type
                + "\", \"amount\": null, \"email\": \"" + email + "\", \"device\": {\"os\": \"" + os + "\"}}";
    }

    private long historyRows() throws Exception {
        return client.historyRows(TABLE);
    }

    private static String violations(String column, String rule) {
        return PrometheusScrape.violations(TABLE, column, rule);
    }

    private static String events(String op) {
        return PrometheusScrape.events(TABLE, op);
    }

    private long endOffset() throws Exception {
        return TopicReplay.endOffset(STACK.bootstrapServers(), TOPIC);
    }

    private void replayFrom(long offset) {
        TopicReplay.replayFrom(listeners, STACK.bootstrapServers(), TOPIC, offset);
    }
}
