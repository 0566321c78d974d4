package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Completeness, heartbeats and rule reload on the real stack. The rules come from a file given as an additional config
 * location, as a user would give them, and rewritten while the service runs. Change-aware rules, table limits, schema
 * drift and history are {@link ChangeRulesIT}'s.
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
                  columns:
                    user_id: { immutable: true }
            """;

    static {
        writeRules(RULES);
    }

    private PrometheusScrape before;

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
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

    private static void writeRules(String yaml) {
        RulesFile.write(RULES_FILE, yaml);
    }
}
