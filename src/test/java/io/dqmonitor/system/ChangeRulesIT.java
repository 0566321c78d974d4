package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Change-aware rules, table limits, schema drift, history rows and replays on the real stack: what a change event
 * carries beyond its row (the before image, the transaction, the columns, the source position) and what is stored
 * from it. {@link AvroChangeRulesIT} runs the same on Avro.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.additional-location=file:src/test/resources/stack/change-rules-it.yml")
class ChangeRulesIT extends StackIntegrationTest {

    private static final String TABLE = "public.user_activities";

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    StringRedisTemplate redis;

    private PrometheusScrape before;
    private long historyBefore;

    /** The topic of the reference table's changes that the service reads. */
    protected String topic() {
        return "monitoring_server.public.user_activities";
    }

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
        historyBefore = historyRows();
    }

    @Test
    void illegalUpdatesBreakTheChangeRulesOnceEach() throws Exception {
        long id = client.insert(11L, "login", "10.00", "a@example.com");
        update(id, "activity_type = 'logout'");
        update(id, "user_id = 12");
        update(id, "activity_type = 'purchase'");
        update(id, "amount = 5");
        update(id, "email = NULL");
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                violations("user_id", "immutable"), 1.0,
                violations("activity_type", "transition"), 1.0,
                violations("amount", "monotonic"), 1.0,
                violations("email", "not_cleared"), 1.0));
        assertThat(historyRows() - historyBefore).isEqualTo(4);
    }

    @Test
    void expressionsSeeBeforeAndAfterWithTheirTypes() throws Exception {
        long id = client.insert(15L, "login", "10.00", "x@example.com");
        update(id, "amount = 4");
        PrometheusScrape after = client.awaitProcessed();

        // the decimal of both images compared as doubles; the created_at of every create, a timestamp, held
        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                violations("amount", "monotonic"), 1.0,
                violations("amount_not_halved", "expression"), 1.0));
        assertThat(after.growthSince(before, "dq_rules_skipped_total")).isEmpty();
        assertThat(historyRows() - historyBefore).isEqualTo(2);
        JsonNode stored = client.getJson("/api/violations?table=" + TABLE
                + "&column=amount_not_halved&rule=expression&limit=1").get(0);
        assertThat(stored.path("rowKey").path("id").asLong()).isEqualTo(id);
        assertThat(stored.path("op").asString()).isEqualTo("update");
    }

    @Test
    void withoutABeforeImageChangeRulesAreSkippedAndCounted() throws Exception {
        long id = client.insert(13L, "login", null, "b@example.com");
        client.execute("ALTER TABLE public.user_activities REPLICA IDENTITY DEFAULT");
        try {
            update(id, "user_id = 14");
            PrometheusScrape after = client.awaitProcessed();

            assertThat(after.growthSince(before, "dq_violations_total")).isEmpty();
            assertThat(after.growthSince(before, "dq_rules_skipped_total")).isEqualTo(Map.of(
                    "dq_rules_skipped_total{reason=\"no_before_image\",table=\"" + TABLE + "\"}", 1.0));
        } finally {
            client.execute("ALTER TABLE public.user_activities REPLICA IDENTITY FULL");
        }
    }

    @Test
    void aBurstOfDeletesAndBigTransactionsAreOneViolationEach() throws Exception {
        // the windows are shared through Redis by every service of this stack: another test class's burst in this
        // minute would make this one the same episode
        redis.delete(redis.keys("dq_limits:*"));
        client.execute("INSERT INTO public.user_activities (user_id, activity_type, email) "
                + "SELECT 20, 'login', 'burst@example.com' FROM generate_series(1, 5)");
        client.execute("DELETE FROM public.user_activities WHERE email = 'burst@example.com'");
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                violations("*", "max_rows_per_transaction"), 2.0,
                violations("*", "max_deletes_per_minute"), 1.0));
        assertThat(historyRows() - historyBefore).isEqualTo(3);
    }

    @Test
    void addedAndDroppedColumnsAreCountedAsSchemaDrift() throws Exception {
        String noteChanges = "SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND column_name = 'note'";
        long changesBefore = client.queryLong(noteChanges);
        client.execute("ALTER TABLE public.user_activities ADD COLUMN note text");
        try {
            client.execute("INSERT INTO public.user_activities (user_id, activity_type, note) VALUES (30, 'login', 'x')");
        } finally {
            client.execute("ALTER TABLE public.user_activities DROP COLUMN note");
        }
        PrometheusScrape after = client.awaitProcessed();

        assertThat(after.growthSince(before, "dq_schema_changes_total")).isEqualTo(Map.of(
                "dq_schema_changes_total{change=\"added\",table=\"" + TABLE + "\"}", 1.0,
                "dq_schema_changes_total{change=\"removed\",table=\"" + TABLE + "\"}", 1.0));
        assertThat(client.queryLong(noteChanges) - changesBefore).isEqualTo(2);
        JsonNode quality = tableQuality();
        assertThat(quality.path("lastSchemaChange").path("column").asString()).isEqualTo("note");
    }

    @Test
    void replayingTheTopicAddsNoHistoryRows() throws Exception {
        long from = endOffset();
        client.insert(40L, "purchase", "-3.00", "c@example.com");
        client.insert(41L, "teleport", null, "not-an-email");
        client.awaitProcessed();
        long history = historyRows();
        PrometheusScrape beforeReplay = client.scrape();

        // replay this test's own events: the same rules see them again
        replayFrom(from);
        PrometheusScrape after = client.awaitProcessed();

        // the two rows and the sentinel again, and the new sentinel
        assertThat(after.value(events("create")) - beforeReplay.value(events("create"))).isEqualTo(4);
        assertThat(historyRows()).isEqualTo(history);
    }

    @Test
    void replayingTheTopicAddsNoRecentChangeTwice() throws Exception {
        long from = endOffset();
        // the Redis list is shared by every service of this stack: an address of this run's own
        String email = "replayed-once-" + UUID.randomUUID() + "@example.com";
        client.insert(42L, "login", null, email);
        client.awaitProcessed();

        replayFrom(from);
        client.awaitProcessed();

        JsonNode changes = client.getJson("/api/changes");
        List<String> positions = new ArrayList<>();
        changes.forEach(change -> positions.add(change.path("position").asString()));
        assertThat(positions).doesNotHaveDuplicates().doesNotContain("");
        assertThat(changes.toString().split(email, -1)).hasSize(2);
    }

    @Test
    void violationsAreServedNewestFirstWithTheirRowKey() throws Exception {
        long id = client.insert(60L, "purchase", "-7.00", "d@example.com");
        client.awaitProcessed();

        JsonNode newest = client.getJson("/api/violations?table=" + TABLE + "&column=amount&rule=range&limit=1").get(0);
        assertThat(newest.path("value").asString()).isEqualTo("-7");
        assertThat(newest.path("op").asString()).isEqualTo("create");
        assertThat(newest.path("rowKey").path("id").asLong()).isEqualTo(id);
        assertThat(newest.path("lsn").asLong()).isPositive();
        assertThat(client.getJson("/api/violations?since=" + Instant.now().plusSeconds(3600)).size()).isZero();
        assertThat(client.get("/api/violations?since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void qualityReportsEventsViolationsAndFreshnessPerTable() throws Exception {
        client.insert(61L, "purchase", "-7.00", "e@example.com");
        client.awaitProcessed();

        JsonNode quality = tableQuality();
        assertThat(quality.path("events").path("create").asLong()).isPositive();
        assertThat(quality.path("violations").path("range").asLong()).isPositive();
        assertThat(quality.path("freshness").path("state").asString()).isEqualTo("fresh");
        assertThat(quality.path("freshness").path("threshold").asString()).isEqualTo("PT5M");
        assertThat(quality.path("lastEventTime").asString()).endsWith("Z");
    }

    private void update(long id, String assignment) throws Exception {
        client.execute("UPDATE public.user_activities SET " + assignment + " WHERE id = " + id);
    }

    private long historyRows() throws Exception {
        return client.historyRows(TABLE);
    }

    private JsonNode tableQuality() throws Exception {
        for (JsonNode table : client.getJson("/api/quality")) {
            if (TABLE.equals(table.path("table").asString())) {
                return table;
            }
        }
        throw new AssertionError(TABLE + " missing from /api/quality");
    }

    private long endOffset() throws Exception {
        return TopicReplay.endOffset(STACK.bootstrapServers(), topic());
    }

    private void replayFrom(long offset) {
        TopicReplay.replayFrom(listeners, STACK.bootstrapServers(), topic(), offset);
    }

    private static String violations(String column, String rule) {
        return PrometheusScrape.violations(TABLE, column, rule);
    }

    private static String events(String op) {
        return PrometheusScrape.events(TABLE, op);
    }
}
