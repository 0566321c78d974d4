package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

import io.dqmonitor.observability.LocalPrometheusConfig;
import io.dqmonitor.observability.MonitoringServer;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.stack.ServiceProcess;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Two dq-monitor processes in one consumer group share a table whose topic has four partitions; the one leading the
 * table's completeness checks is killed with SIGKILL in the middle of a batch and started again later. The totals
 * summed over the instances' scrapes, the history rows, the Redis list and the schema change must be those of the
 * rows written: each change counted once, each table-level window (rows per transaction, deletes per minute) reported
 * once however its rows were spread, and the completeness drift the one row kept out of the stream, reported by one
 * instance. A real Prometheus scrapes them all and answers the shipped dashboard and alert queries across them.
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
    private MonitoringServer prometheus;

    /** What the test wrote, and so what every total must be. */
    static final class Written {
        long creates;
        long updates;
        long deletes;
        /** Rows written while the table was out of the publication: in the table, never in the stream. */
        long lost;
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
        settings.put("dq.completeness.interval", "1s");
        // Prometheus scrapes as the metrics user
        settings.putAll(TestUsers.of(TestUsers.METRICS).properties());
        settings.put("spring.data.redis.timeout", "60s");
        String rules = "dq.tables." + TABLE + ".";
        settings.put(rules + "max-rows-per-transaction", "10");
        settings.put(rules + "max-deletes-per-minute", "5");
        settings.put(rules + "columns.amount.min", "0");
    }

    @AfterAll
    void stopEverything() throws Exception {
        stack.redis().command("CLIENT", "UNPAUSE");
        if (prometheus != null) {
            prometheus.close();
        }
        for (ServiceProcess service : started) {
            if (service.isAlive()) {
                service.kill();
            }
        }
        db.close();
    }

    @Test
    void twoInstancesAndAKilledOneGiveTheNumbersOfTheRowsWritten() throws Exception {
        ServiceProcess first = start("scale-first", Ports.free());
        ServiceProcess second = start("scale-second", Ports.free());
        int restartPort = Ports.free();
        prometheus = startPrometheus(List.of(first.port(), second.port(), restartPort));
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
        }
        // every change without the new column read before the first with it: one committed in the same millisecond
        // and read later would show as the column removed and added again (SchemaTracker says why)
        awaitTotals(List.of(first, second), List.of());
        try (Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE " + TABLE + " ADD COLUMN note text");
        }
        for (int row = 0; row < 12; row++) {
            insert(1, 200 + row);
        }
        loseARow();
        awaitTotals(List.of(first, second), List.of());
        // the instance that reports the drift leads the table's checks: that one is killed
        ServiceProcess lead = awaitLead(List.of(first, second));
        ServiceProcess survivor = lead == first ? second : first;

        // both instances stopped in a batch (its limit windows in Redis held back), then one is killed in it
        assertThat(stack.redis().command("CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("+OK");
        for (int row = 0; row < 40; row++) {
            insert(1, 300 + row);
        }
        awaitInKafka();
        PrometheusScrape killedAt = scrape(lead);
        lead.kill();
        stack.redis().command("CLIENT", "UNPAUSE");
        awaitTotals(List.of(survivor), List.of(killedAt));

        ServiceProcess restarted = start("scale-restarted", restartPort);
        awaitAssigned(List.of(survivor, restarted));
        for (int row = 0; row < 30; row++) {
            insert(1, 400 + row);
        }
        List<PrometheusScrape> totals = awaitTotals(List.of(survivor, restarted), List.of(killedAt));

        assertViolationsCountedAndStoredOnce(totals);
        assertThat(sum(totals, "dq_schema_changes_total{change=\"added\",table=\"" + TABLE + "\"}")).isEqualTo(1.0);
        assertThat(countRows("dq_monitor.schema_changes")).isEqualTo(1);
        assertRedisHoldsEachChangeOnce(survivor);
        assertOneInstanceReportsTheDrift(List.of(survivor, restarted));
        assertTheAnomalySignalsAreTheGroupsOnce(List.of(survivor, restarted));
        assertPrometheusAggregatesTheInstances(List.of(survivor, restarted));
    }

    /** The table's completeness drift is the lost row: reported by the one instance that leads the table, and stays. */
    private void assertOneInstanceReportsTheDrift(List<ServiceProcess> live) {
        String drift = "dq_cdc_row_count_drift{table=\"" + TABLE + "\"}";
        Awaitility.await("one drift of the lost row").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> driftSeries(live, drift), List.of((double) written.lost)::equals);
        // through several more checks, settled by whichever instance leads the table
        Awaitility.await("the drift stays").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> driftSeries(live, drift), List.of((double) written.lost)::equals);
    }

    /**
     * The anomaly signals are the group's, not an instance's: one stored place per partition, whoever read it, and
     * the table's anomaly gauges from its lead alone. (The windows a run this short closes are too few to compare;
     * {@code AnomalyMonitorTest} shows two instances give the windows of one.)
     */
    private void assertTheAnomalySignalsAreTheGroupsOnce(List<ServiceProcess> live) throws Exception {
        try (Statement sql = db.createStatement(); var rows = sql.executeQuery("""
                SELECT count(*), count(DISTINCT partition) FROM dq_monitor.anomaly_partitions
                WHERE consumer_group = '%s' AND table_name = '%s'""".formatted(group, TABLE))) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(PARTITIONS);
            assertThat(rows.getLong(2)).isEqualTo(PARTITIONS);
        }
        long exporting = 0;
        for (ServiceProcess instance : live) {
            exporting += scrape(instance).samples().keySet().stream()
                    .anyMatch(series -> series.startsWith("dq_anomaly_score{") && series.contains(TABLE)) ? 1 : 0;
        }
        assertThat(exporting).isLessThanOrEqualTo(1);
    }

    /** The one instance whose scrape has the table's drift, once it is the lost row. */
    private ServiceProcess awaitLead(List<ServiceProcess> instances) {
        String drift = "dq_cdc_row_count_drift{table=\"" + TABLE + "\"}";
        return Awaitility.await("the table's lead").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    List<ServiceProcess> reporting = new ArrayList<>();
                    for (ServiceProcess instance : instances) {
                        if (Double.valueOf(written.lost).equals(scrape(instance).samples().get(drift))) {
                            reporting.add(instance);
                        }
                    }
                    return reporting.size() == 1 ? reporting.get(0) : null;
                }, java.util.Objects::nonNull);
    }

    private List<Double> driftSeries(List<ServiceProcess> live, String drift) throws Exception {
        List<Double> values = new ArrayList<>();
        for (ServiceProcess instance : live) {
            Double value = scrape(instance).samples().get(drift);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * Prometheus, scraping every instance with the shipped configuration, answers the shipped queries across them: the
     * partitions-per-instance panel, the completeness alert's expression, and the event totals summed by table.
     */
    private void assertPrometheusAggregatesTheInstances(List<ServiceProcess> live) throws Exception {
        String perInstance = "sum by (instance) (kafka_consumer_coordinator_assigned_partitions{job=\"dq-monitor\"})";
        String driftAlert = "max by (table) (abs(dq_cdc_row_count_drift)) > 0";
        assertThat(Files.readString(Path.of("grafana", "dashboards", "dq-overview.json"))).contains(
                perInstance.replace("\"", "\\\""));
        assertThat(Files.readString(Path.of("alerts", "dq-monitor.rules.yml"))).contains(driftAlert);

        Awaitility.await("partitions per instance").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> query(perInstance), values -> values.size() == 2
                        && values.values().stream().allMatch(v -> v > 0)
                        && values.values().stream().mapToDouble(v -> v).sum() == PARTITIONS + 1);
        Awaitility.await("the drift alert's value").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> query(driftAlert.replace(" > 0", "")).get(TABLE),
                        value -> value == written.lost);
        double liveCreates = 0;
        for (ServiceProcess instance : live) {
            liveCreates += scrape(instance).value(PrometheusScrape.events(TABLE, "create"));
        }
        double expected = liveCreates;
        Awaitility.await("creates summed by table").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> query("sum by (table) (cdc_events_total{op=\"create\",table=\""
                        + TABLE + "\"})").get(TABLE), value -> value == expected);
    }

    /** An instant query's series, by their {@code table} label, else their {@code instance} label. */
    private Map<String, Double> query(String promql) throws Exception {
        JsonNode answer = PipelineClient.JSON.readTree(prometheus.get("/api/v1/query", Map.of("query", promql)));
        Map<String, Double> values = new LinkedHashMap<>();
        answer.path("data").path("result").forEach(series -> {
            JsonNode metric = series.path("metric");
            String name = metric.has("table") ? metric.path("table").asString() : metric.path("instance").asString();
            values.put(name, Double.parseDouble(series.path("value").get(1).asString()));
        });
        return values;
    }

    private MonitoringServer startPrometheus(List<Integer> ports) throws Exception {
        Path work = Path.of("target", "scale-out-prometheus");
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        Path passwordFile = Files.writeString(work.resolve("dq_metrics_password"), TestUsers.METRICS.password());
        int port = Ports.free();
        String targets = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
        Path config = Files.writeString(work.resolve("prometheus.yml"), LocalPrometheusConfig.adapt(
                Path.of("prometheus", "prometheus.yml"), Map.of("dq-monitor:8080", targets,
                        "localhost:9090", "127.0.0.1:" + port, "alertmanager:9093", "127.0.0.1:" + Ports.free()),
                passwordFile));
        return MonitoringServer.prometheus(work.resolve("server"), port, config);
    }

    /** One row written while the table is out of the connector's publication: its change never reaches Kafka. */
    private void loseARow() throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("ALTER PUBLICATION dq_scale_publication DROP TABLE " + TABLE);
            try {
                sql.execute("INSERT INTO " + TABLE + " (user_id, activity_type, amount, email)"
                        + " VALUES (999, 'login', 1, 'lost@example.com')");
                written.lost++;
            } finally {
                sql.execute("ALTER PUBLICATION dq_scale_publication ADD TABLE " + TABLE);
            }
        }
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

    private ServiceProcess start(String name, int port) throws Exception {
        ServiceProcess service = ServiceProcess.start(stack, name, port, settings);
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
