package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Change-aware rules, table limits, schema drift, history, completeness, heartbeats and rule reload, on the real
 * stack. The rules come from a file given as an additional config location, as a user would give them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.additional-location=file:target/data-quality-it-rules.yml")
class DataQualityIT extends StackIntegrationTest {

    private static final String TABLE = "public.user_activities";
    private static final Path RULES_FILE = Path.of("target", "data-quality-it-rules.yml");
    private static final String RULES = """
            dq:
              rules:
                reload-interval: 300ms
              completeness:
                interval: 500ms
              tables:
                public.user_activities:
                  max-deletes-per-minute: 3
                  max-rows-per-transaction: 4
                  columns:
                    user_id: { immutable: true }
                    activity_type: { transitions: { login: [logout], logout: [login] } }
                    amount: { monotonic: increasing }
                    email: { not-cleared: true }
            """;

    static {
        writeRules(RULES);
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private PrometheusScrape before;
    private long historyBefore;

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
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND column_name = 'note'"
                + " AND detected_at > now() - interval '1 minute'")).isEqualTo(2);
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
        client.insert(42L, "login", null, "replayed-once@example.com");
        client.awaitProcessed();

        replayFrom(from);
        client.awaitProcessed();

        JsonNode changes = client.getJson("/api/changes");
        List<String> positions = new ArrayList<>();
        changes.forEach(change -> positions.add(change.path("position").asString()));
        assertThat(positions).doesNotHaveDuplicates().doesNotContain("");
        assertThat(changes.toString().split("replayed-once@example.com", -1)).hasSize(2);
    }

    @Test
    void aSkippedEventShowsAsCompletenessDrift() throws Exception {
        String drift = "dq_cdc_row_count_drift{table=\"" + TABLE + "\"}";
        client.awaitProcessed();
        // the ledger is the consumer group's and outlives this context: what earlier tests left is the starting point
        double before = Awaitility.await("drift settled").atMost(Duration.ofSeconds(30))
                .until(() -> client.scrape().samples().get(drift), value -> value != null);

        // while the table is out of the publication, its changes never reach the stream: one lost event
        client.execute("ALTER PUBLICATION dq_monitor_publication DROP TABLE public.user_activities");
        try {
            client.insert(50L, "login", null, "lost@example.com");
        } finally {
            client.execute("ALTER PUBLICATION dq_monitor_publication ADD TABLE public.user_activities");
        }
        client.awaitProcessed();

        Awaitility.await("drift of one lost row").atMost(Duration.ofSeconds(30))
                .until(() -> client.scrape().value(drift), value -> value == before + 1);
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

    @Test
    void heartbeatsShowThePipelineIsAlive() {
        Awaitility.await("a Debezium heartbeat").atMost(Duration.ofSeconds(40))
                .until(() -> client.scrape()
                        .value("cdc_heartbeat_timestamp_seconds{connector=\"monitoring_server\"}"),
                        seconds -> seconds > Instant.now().minusSeconds(60).getEpochSecond());
    }

    @Test
    void aChangedRulesFileTakesEffectAndAnInvalidOneIsRejected() throws Exception {
        try {
            writeRules(RULES + "        ghost: { not-null: true }\n");
            Awaitility.await("new rules in force").atMost(Duration.ofSeconds(20))
                    .until(() -> client.get("/actuator/rules").body().contains("ghost:not_null"));
            client.insert(70L, "login", null, "f@example.com");
            PrometheusScrape after = client.awaitProcessed();
            // the rule's column does not exist: reported as skipped, not as a violation
            assertThat(after.growthSince(before, "dq_rules_skipped_total")).isEqualTo(Map.of(
                    "dq_rules_skipped_total{reason=\"missing_column\",table=\"" + TABLE + "\"}", 2.0));

            double failures = after.value("dq_rules_reload_failures_total");
            writeRules(RULES + "        ghost: { not-nul: true }\n");
            Awaitility.await("the bad file rejected").atMost(Duration.ofSeconds(20))
                    .until(() -> client.scrape().value("dq_rules_reload_failures_total"), v -> v == failures + 1);
            assertThat(client.get("/actuator/rules").body()).contains("ghost:not_null");
        } finally {
            writeRules(RULES);
            assertThat(client.post("/actuator/rules").body()).contains("\"reloaded\":true");
        }
        assertThat(client.get("/actuator/rules").body()).doesNotContain("ghost");
    }

    @Test
    void aRulesFileWithAYamlSyntaxErrorIsRejectedAndTheNextGoodOneTakesEffect() throws Exception {
        try {
            double failures = client.scrape().value("dq_rules_reload_failures_total");
            writeRules(RULES + "        ghost: { not-null: true\n");
            Awaitility.await("the broken file rejected").atMost(Duration.ofSeconds(20))
                    .until(() -> client.scrape().value("dq_rules_reload_failures_total"), v -> v == failures + 1);
            var reload = client.post("/actuator/rules");
            assertThat(reload.statusCode()).isEqualTo(200);
            assertThat(reload.body()).contains("\"reloaded\":false");

            writeRules(RULES + "        ghost: { not-null: true }\n");
            Awaitility.await("the good file in force").atMost(Duration.ofSeconds(20))
                    .until(() -> client.get("/actuator/rules").body().contains("ghost:not_null"));
        } finally {
            writeRules(RULES);
            assertThat(client.post("/actuator/rules").body()).contains("\"reloaded\":true");
        }
    }

    @Test
    void aTableThatLeavesTheRulesLosesItsMeters() throws Exception {
        String table = "table=\"public.corpus_unruled\"";
        try {
            writeRules(RULES + """
                        public.corpus_unruled:
                          freshness: 1m
                          columns:
                            v: { not-null: true }
                    """);
            Awaitility.await("the table's meters").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.get("/actuator/prometheus").body(), body ->
                            body.contains("dq_freshness_threshold_seconds{" + table)
                                    && body.contains("dq_cdc_row_count_drift{" + table));
        } finally {
            writeRules(RULES);
        }
        Awaitility.await("the table's meters removed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.get("/actuator/prometheus").body().lines()
                        .filter(line -> line.contains(table) && (line.startsWith("dq_freshness")
                                || line.startsWith("dq_violations") || line.startsWith("dq_rules_skipped")
                                || line.startsWith("dq_cdc_row_count_drift"))).toList(), List::isEmpty);
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
        return TopicReplay.endOffset(STACK.bootstrapServers(), "monitoring_server.public.user_activities");
    }

    private void replayFrom(long offset) {
        TopicReplay.replayFrom(listeners, STACK.bootstrapServers(), "monitoring_server.public.user_activities", offset);
    }

    private static void writeRules(String yaml) {
        RulesFile.write(RULES_FILE, yaml);
    }

    private static String events(String op) {
        return PrometheusScrape.events(TABLE, op);
    }

    private static String violations(String column, String rule) {
        return PrometheusScrape.violations(TABLE, column, rule);
    }
}
