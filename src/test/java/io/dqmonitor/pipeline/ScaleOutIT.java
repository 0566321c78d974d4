package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.dqmonitor.PipelineClient;
import io.dqmonitor.PrometheusScrape;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two dq-monitor processes in one consumer group share a table whose topic has four partitions; one is killed with
 * SIGKILL in the middle of a batch and started again later. The totals summed over the instances' scrapes, the history
 * rows, the Redis list and the schema change must be those of the rows written: each change counted once, each
 * table-level window (rows per transaction, deletes per minute) reported once however its rows were spread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    static final String TABLE = "public.scaled_activities";
    static final String TOPIC = "monitoring_scale." + TABLE;
    private static final int PARTITIONS = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final EmbeddedStack stack = SharedStack.get();
    private final String group = "dq-monitor-scale-" + UUID.randomUUID();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<ServiceProcess> started = new ArrayList<>();
    private final Written written = new Written();
    private Connection db;

    /** What the test wrote, and so what every total must be. */
    static final class Written {
        long creates;
        long updates;
        long deletes;
        /** Changes whose after image has a negative amount (the {@code min: 0} rule, named {@code range}). */
        long negativeAmounts;
        long transactionsOverLimit;
        long minutesOverLimit;
    }

    @BeforeAll
    void createTheTableItsTopicAndItsConnector() throws Exception {
        db = stack.connect();
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (LIKE public.user_activities INCLUDING ALL)");
            sql.execute("ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
        }
        stack.registerPostgresConnector("scaled-activities-connector", Map.of(
                "topic.prefix", "monitoring_scale",
                "table.include.list", TABLE,
                "slot.name", "dq_scale_slot",
                "publication.name", "dq_scale_publication",
                "heartbeat.interval.ms", "1000"));

        settings.put("spring.kafka.consumer.group-id", group);
        settings.put("dq.cdc.topic-pattern", "monitoring_scale\\..*");
        settings.put("dq.cdc.heartbeat-topic-pattern", "__debezium-heartbeat\\.monitoring_scale");
        settings.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
        // the broker hands a killed member's partitions on after this long (the default is 45 s)
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.max-poll-records", "50");
        settings.put("dq.recent.key", "recent_changes_" + group);
        settings.put("dq.completeness.enabled", "false");
        settings.put("spring.data.redis.timeout", "60s");
        String rules = "dq.tables." + TABLE + ".";
        settings.put(rules + "max-rows-per-transaction", "10");
        settings.put(rules + "max-deletes-per-minute", "5");
        settings.put(rules + "columns.amount.min", "0");
    }

    @AfterAll
    void stopEverything() throws Exception {
        stack.redis().command("CLIENT", "UNPAUSE");
        for (ServiceProcess service : started) {
            if (service.isAlive()) {
                service.kill();
            }
        }
        db.close();
    }

    @Test
    void twoInstancesAndAKilledOneGiveTheNumbersOfTheRowsWritten() throws Exception {
        ServiceProcess first = start("scale-first");
        ServiceProcess second = start("scale-second");
        awaitAssigned(List.of(first, second));

        // both instances read: transactions and a delete spread over all four partitions
        for (int tx = 0; tx < 6; tx++) {
            insert(10, tx * 10);
        }
        insert(14, 100);
        try (Statement sql = db.createStatement()) {
            written.updates += sql.executeUpdate("UPDATE " + TABLE + " SET activity_type = 'logout' WHERE user_id < 8");
            // value rules check an update's after image too
            written.negativeAmounts += 2;
            written.deletes += sql.executeUpdate("DELETE FROM " + TABLE + " WHERE user_id BETWEEN 20 AND 26");
            written.minutesOverLimit++;
            sql.execute("ALTER TABLE " + TABLE + " ADD COLUMN note text");
        }
        for (int row = 0; row < 12; row++) {
            insert(1, 200 + row);
        }
        awaitTotals(List.of(first, second), List.of());

        // both instances stopped in a batch (its limit windows in Redis held back), then one is killed in it
        assertThat(stack.redis().command("CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("+OK");
        for (int row = 0; row < 40; row++) {
            insert(1, 300 + row);
        }
        awaitInKafka();
        PrometheusScrape killedAt = scrape(first);
        first.kill();
        stack.redis().command("CLIENT", "UNPAUSE");
        awaitTotals(List.of(second), List.of(killedAt));

        ServiceProcess restarted = start("scale-restarted");
        awaitAssigned(List.of(second, restarted));
        for (int row = 0; row < 30; row++) {
            insert(1, 400 + row);
        }
        List<PrometheusScrape> totals = awaitTotals(List.of(second, restarted), List.of(killedAt));

        assertViolationsCountedAndStoredOnce(totals);
        assertThat(sum(totals, "dq_schema_changes_total{change=\"added\",table=\"" + TABLE + "\"}")).isEqualTo(1.0);
        assertThat(countRows("dq_monitor.schema_changes")).isEqualTo(1);
        assertRedisHoldsEachChangeOnce(second);
    }

    private void assertViolationsCountedAndStoredOnce(List<PrometheusScrape> totals) throws Exception {
        Map<String, Long> expected = Map.of(
                "range", written.negativeAmounts,
                "max_rows_per_transaction", written.transactionsOverLimit,
                "max_deletes_per_minute", written.minutesOverLimit);
        expected.forEach((rule, count) -> {
            String column = rule.equals("range") ? "amount" : "*";
            assertThat(sum(totals, PrometheusScrape.violations(TABLE, column, rule))).as(rule)
                    .isEqualTo(count.doubleValue());
        });
        for (Map.Entry<String, Long> rule : expected.entrySet()) {
            assertThat(countRows("dq_monitor.violations", "rule = '" + rule.getKey() + "'")).as(rule.getKey())
                    .isEqualTo(rule.getValue());
        }
    }

    private void assertRedisHoldsEachChangeOnce(ServiceProcess instance) throws Exception {
        try (PipelineClient client = instance.client(null)) {
            JsonNode entries = client.getJson("/api/changes?limit=100");
            Set<String> positions = new HashSet<>();
            entries.forEach(entry -> positions.add(entry.path("position").asString()));
            assertThat(entries).hasSize(100).allMatch(entry -> TABLE.equals(entry.path("table").asString()));
            assertThat(positions).hasSize(100);
        }
    }

    /** {@code rows} rows in one transaction; every fifth has a negative amount. */
    private void insert(int rows, int firstUser) throws Exception {
        db.setAutoCommit(false);
        try (Statement sql = db.createStatement()) {
            for (int i = 0; i < rows; i++) {
                int user = firstUser + i;
                boolean negative = user % 5 == 0;
                sql.execute("INSERT INTO " + TABLE + " (user_id, activity_type, amount, email) VALUES (" + user
                        + ", 'purchase', " + (negative ? "-1" : "1") + ", 'u" + user + "@example.com')");
                written.negativeAmounts += negative ? 1 : 0;
            }
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        written.creates += rows;
        written.transactionsOverLimit += rows > 10 ? 1 : 0;
    }

    private ServiceProcess start(String name) throws Exception {
        ServiceProcess service = ServiceProcess.start(stack, name, settings);
        started.add(service);
        return service;
    }

    /** Until the instances' consumers together hold every partition of the table's topic, each some of them. */
    private void awaitAssigned(List<ServiceProcess> instances) {
        Awaitility.await("partitions shared by " + instances.size()).atMost(PATIENCE).ignoreExceptions().until(() -> {
            List<Double> assigned = new ArrayList<>();
            for (ServiceProcess instance : instances) {
                assigned.add(scrape(instance).sum("kafka_consumer_coordinator_assigned_partitions"));
            }
            // and the connector's heartbeat topic, of one partition
            return assigned.stream().allMatch(n -> n > 0)
                    && assigned.stream().mapToDouble(n -> n).sum() == PARTITIONS + 1;
        });
    }

    private void awaitInKafka() {
        long expected = written.creates + written.updates + 2 * written.deletes;
        Awaitility.await("every change in Kafka").atMost(PATIENCE).until(() -> endOffsets() >= expected);
    }

    private long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /**
     * Waits until the live instances' counts and those the killed instance had when it died add up to what was
     * written, and returns every scrape of that sum.
     */
    private List<PrometheusScrape> awaitTotals(List<ServiceProcess> live, List<PrometheusScrape> dead) {
        return Awaitility.await("totals of the rows written").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    List<PrometheusScrape> all = new ArrayList<>(dead);
                    for (ServiceProcess instance : live) {
                        all.add(scrape(instance));
                    }
                    return all;
                }, all -> sum(all, PrometheusScrape.events(TABLE, "create")) == written.creates
                        && sum(all, PrometheusScrape.events(TABLE, "update")) == written.updates
                        && sum(all, PrometheusScrape.events(TABLE, "delete")) == written.deletes);
    }

    private static double sum(List<PrometheusScrape> scrapes, String series) {
        return scrapes.stream().mapToDouble(s -> s.value(series)).sum();
    }

    private PrometheusScrape scrape(ServiceProcess instance) throws Exception {
        try (PipelineClient client = instance.client(null)) {
            return client.scrape();
        }
    }

    private long countRows(String table) throws Exception {
        return countRows(table, "true");
    }

    private long countRows(String table, String condition) throws Exception {
        try (Statement sql = db.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM " + table + " WHERE table_name = '" + TABLE
                        + "' AND " + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
