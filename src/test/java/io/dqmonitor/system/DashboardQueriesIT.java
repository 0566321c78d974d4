package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.dqmonitor.observability.AlertRules;
import io.dqmonitor.observability.Dashboards;
import io.dqmonitor.observability.GrafanaTemplating;
import io.dqmonitor.observability.LocalPrometheusConfig;
import io.dqmonitor.observability.MonitoringServer;
import io.dqmonitor.anomaly.ReplayScenario;
import io.dqmonitor.stack.Kafka;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The observability pack against real servers: Debian's Prometheus runs the repository's {@code prometheus.yml}
 * (addresses made local) and {@code alerts/}, scraping dq-monitor on the embedded stack while the compose simulator's
 * statement writes rows; Alertmanager runs the repository's config. Every dashboard query then has to return data,
 * PromQL through Prometheus's HTTP API and SQL through the read-only Grafana role on the real PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.additional-location=file:mariadb/dq-monitor.yml")
@TestPropertySource(properties = {"dq.completeness.interval=1s", "dq.source-log.interval=1s",
        "dq.connect.interval=1s", "dq.anomaly.interval=1s"})
class DashboardQueriesIT extends StackIntegrationTest {

    static {
        SharedStack.withMariaDb();
    }

    @DynamicPropertySource
    static void theScrapeUser(DynamicPropertyRegistry registry) {
        TestUsers.of(TestUsers.METRICS).declareIn(registry);
        // the whole pipeline for the Pipeline dashboard: Connect, the MariaDB binlog, a second PostgreSQL connector
        registry.add("dq.connect.urls", STACK::connectUrl);
        registry.add("DQ_MARIADB_URL", STACK::mariaDbJdbcUrl);
        registry.add("DQ_MARIADB_USER", () -> "root");
        registry.add("DQ_MARIADB_PASSWORD", () -> "");
        registry.add("dq.cdc.topic-pattern", () -> "(monitoring_(server|mariadb|mongodb|integrity)|dashreplay)\\..*");
        // ten minutes of a shop's past orders, whose detectors expect values at once: the anomaly panels' data
        registry.add("dq.tables." + REPLAYED + ".columns.amount.min", () -> "0");
        registry.add("dq.tables." + REPLAYED + ".anomaly.columns[0]", () -> "note");
        registry.add("dq.completeness.databases.replayed.tables", () -> "dash\\..*");
        // the shipped data contract of the reference table: its schema departures are a series the alerts read
        registry.add("dq.contracts.locations[0]", () -> "file:contracts");
    }

    private static final String REPLAYED = "dash.orders";
    private static final String REPLAY_TOPIC = "dashreplay.dash.orders";

    private static final String SNAPSHOTTED = "dashboard-connector";
    private static final String DENIED = "denied-connector";
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    private static final Path WORK = Path.of("target", "observability-it");
    private static final String TOPIC = "monitoring_server.public.user_activities";
    private static final String TABLE = "public.user_activities";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    private MonitoringServer alertmanager;
    private MonitoringServer prometheus;
    private ScheduledExecutorService simulator;
    private Connection simulatorDb;

    @BeforeAll
    void startMonitoringAndWriteRows() throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        alertmanager = MonitoringServer.alertmanager(WORK.resolve("alertmanager"),
                Path.of("prometheus", "alertmanager.yml").toAbsolutePath());
        int prometheusPort = Ports.free();
        // the shipped scrape authenticates as the metrics user 'prometheus', with the password from a file
        Path passwordFile = Files.writeString(WORK.resolve("dq_metrics_password"), TestUsers.METRICS.password());
        Path config = Files.writeString(WORK.resolve("prometheus.yml"), LocalPrometheusConfig.adapt(
                Path.of("prometheus", "prometheus.yml"), Map.of(
                        "dq-monitor:8080", "127.0.0.1:" + port,
                        "localhost:9090", "127.0.0.1:" + prometheusPort,
                        "alertmanager:9093", alertmanager.address()), passwordFile));
        prometheus = MonitoringServer.prometheus(WORK.resolve("prometheus"), prometheusPort, config);

        String tick = Files.readString(Path.of("simulator", "activity.sql")).replaceAll("(?m)^\\\\watch.*$", "");
        simulatorDb = STACK.connect();
        simulator = Executors.newSingleThreadScheduledExecutor();
        simulator.scheduleAtFixedRate(() -> {
            try (Statement statement = simulatorDb.createStatement()) {
                statement.execute(tick);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);

        try (PipelineClient setup = new PipelineClient(port, STACK.connect())) {
            exerciseThePipeline(setup);
            changeTheSchema(setup);
            replayTenMinutes();
            awaitTheFirstPrediction(setup);
            // last: its alert looks back 5 minutes, and the tests after it look for that alert
            rejectARecord(setup);
        }
    }

    /**
     * What the Pipeline dashboard shows: a connector that snapshots a table, one whose task fails (a role that may
     * log in but not replicate), a MariaDB change for the binlog distance and a TOASTed value left out of an update.
     */
    private void exerciseThePipeline(PipelineClient setup) throws Exception {
        IntegrityConnectors.register(STACK, SNAPSHOTTED, "dashboard_items");
        IntegrityConnectors.submitUnreplicable(STACK, DENIED, "dashboard_items");
        Awaitility.await("the task FAILED within a minute").atMost(ONE_MINUTE).pollInterval(Duration.ofMillis(500))
                .until(() -> setup.scrape().value(deniedTaskFailed()) == 1);
        try (Connection mariadb = STACK.connectMariaDb(); Statement sql = mariadb.createStatement()) {
            sql.execute("INSERT INTO user_activities (user_id, activity_type, amount, email) "
                    + "VALUES (1, 'login', 1.00, 'dashboard@example.com')");
        }
        setup.execute("INSERT INTO public.corpus_documents SELECT 7001, 'draft', string_agg(md5(random()::text), '') "
                + "FROM generate_series(1, 500)");
        setup.execute("UPDATE public.corpus_documents SET title = 'final' WHERE id = 7001");
    }

    /**
     * Ten minutes of {@link ReplayScenario}'s orders, dated in the past, as table {@code dash.orders}: its detectors
     * have windows to judge at once, instead of after minutes of live writes. Its own table, so that the detectors'
     * stored states are not those AnomalyReplayIT trains.
     */
    private static void replayTenMinutes() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(REPLAY_TOPIC, 1, (short) 1))).all().get();
        }
        ReplayScenario scenario = new ReplayScenario();
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(STACK.bootstrapServers())) {
            for (int minute = 0; minute < 10; minute++) {
                for (ReplayScenario.Change change : scenario.minute(minute)) {
                    String json = change.json().replace("\"name\":\"replay\"", "\"name\":\"dashreplay\"")
                            .replace("\"db\":\"shop\",\"schema\":\"shop\"", "\"db\":\"dash\",\"schema\":\"dash\"");
                    producer.send(new ProducerRecord<>(REPLAY_TOPIC,
                            ("{\"id\":" + change.id() + "}").getBytes(StandardCharsets.UTF_8),
                            json.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    /** A detector has an expected value from its third window. */
    private void awaitTheFirstPrediction(PipelineClient setup) {
        String expected = "dq_anomaly_expected{signal=\"changes_create\",table=\"" + REPLAYED + "\"}";
        Awaitility.await("the first expected value").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Double.isFinite(setup.scrape().samples().getOrDefault(expected, Double.NaN)));
    }

    /** A column added and dropped again, so that the schema panels and alert have something to show. */
    private void changeTheSchema(PipelineClient setup) throws Exception {
        String added = "dq_schema_changes_total{change=\"added\",table=\"" + TABLE + "\"}";
        String removed = "dq_schema_changes_total{change=\"removed\",table=\"" + TABLE + "\"}";
        double before = setup.awaitProcessed().samples().getOrDefault(removed, 0.0);
        // increase() sees a change only from a sample before it: let Prometheus scrape the counter first
        Awaitility.await("schema change counter scraped").atMost(PATIENCE).ignoreExceptions()
                .until(() -> instantQuery(added).size() == 1);
        setup.execute("ALTER TABLE public.user_activities ADD COLUMN dashboard_probe text");
        Awaitility.await("column added").atMost(PATIENCE).until(() -> setup.scrape().samples().getOrDefault(added, 0.0) > 0);
        setup.execute("ALTER TABLE public.user_activities DROP COLUMN dashboard_probe");
        Awaitility.await("column removed").atMost(PATIENCE).until(() -> setup.scrape().value(removed) > before);
    }

    private void rejectARecord(PipelineClient setup) throws Exception {
        String rejected = "cdc_events_rejected_total{reason=\"malformed_json\"}";
        double before = setup.scrape().value(rejected);
        Awaitility.await("rejection counter scraped").atMost(PATIENCE).ignoreExceptions()
                .until(() -> instantQuery(rejected).size() == 1);
        kafka.send(TOPIC, "{ this is not json".getBytes(StandardCharsets.UTF_8)).get();
        Awaitility.await("record rejected").atMost(PATIENCE).until(() -> setup.scrape().value(rejected) > before);
    }

    @Test
    void aTaskThatCannotReplicateIsFailedWithinAMinuteAndItsAlertExpressionHolds() throws Exception {
        // FAILED within a minute of its registration: awaited where it is registered, before the long wait there
        assertThat(client.scrape().value(deniedTaskFailed())).isEqualTo(1);
        String expr = AlertRules.alerts().stream().filter(a -> a.name().equals("DqConnectorFailed")).findFirst()
                .orElseThrow().expr();
        Awaitility.await("DqConnectorFailed's expression true in Prometheus").atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> assertThat(instantQuery(expr))
                        .anySatisfy(s -> assertThat(s.path("metric").path("connector").asString()).isEqualTo(DENIED)));
        // DOWN as a whole (503) while a connector has failed; readiness stays up
        JsonNode connect = PipelineClient.JSON.readTree(client.get("/actuator/health").body())
                .path("components").path("connect");
        assertThat(connect.path("status").asString()).isEqualTo("DOWN");
        assertThat(connect.path("details").toString()).contains(DENIED)
                .contains("permission denied to start WAL sender");
    }

    private static String deniedTaskFailed() {
        return "cdc_connector_task_state{connect=\"" + STACK.connectUrl().replace("http://", "")
                + "\",connector=\"" + DENIED + "\",state=\"FAILED\",task=\"0\"}";
    }

    @AfterAll
    void stop() throws Exception {
        for (String connector : List.of(DENIED, SNAPSHOTTED)) {
            new ConnectorControl(STACK.connectUrl(), connector).delete();
        }
        try (Connection db = STACK.connect(); Statement sql = db.createStatement()) {
            // a slot left behind would keep WAL for the rest of the run
            Awaitility.await("the slot released").atMost(PATIENCE).ignoreExceptions()
                    .until(() -> sql.execute("SELECT pg_drop_replication_slot('dq_dashboard_items_slot')"));
        }
        simulator.shutdownNow();
        simulator.awaitTermination(10, TimeUnit.SECONDS);
        simulatorDb.close();
        prometheus.close();
        alertmanager.close();
    }

    static Stream<Dashboards.Query> prometheusQueries() {
        return Dashboards.queries(Dashboards.PROMETHEUS).stream();
    }

    static Stream<Dashboards.Query> sqlQueries() {
        return Dashboards.queries(Dashboards.POSTGRES).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prometheusQueries")
    void everyPrometheusPanelQueryReturnsData(Dashboards.Query query) {
        Awaitility.await(query + " returns data").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> hasFiniteSample(rangeQuery(query)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlQueries")
    void everySqlPanelQueryReturnsRows(Dashboards.Query query) throws Exception {
        Instant to = Instant.now();
        GrafanaTemplating grafana = new GrafanaTemplating(to.minus(range(query.dashboardJson())), to,
                Map.of("table", GrafanaTemplating.sqlList(sqlTables()), "__interval", "1m"));
        String sql = grafana.sql(query.text());
        Awaitility.await(query + " returns rows").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> rowsAsReader(sql) > 0);
    }

    @Test
    void theTableVariableListsTheMonitoredTableInBothDashboards() throws Exception {
        assertThat(prometheusTables()).contains(TABLE);
        assertThat(sqlTables()).contains(TABLE);
    }

    @Test
    void everyRuleEvaluatesWithoutError() throws Exception {
        Awaitility.await("every rule evaluated").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                rules().stream().noneMatch(rule -> "unknown".equals(rule.path("health").asString())));
        assertThat(rules()).hasSize(AlertRules.rules().size()).allSatisfy(rule ->
                assertThat(rule.path("health").asString()).as(rule.path("name") + ": " + rule.path("lastError"))
                        .isEqualTo("ok"));
    }

    @Test
    void everySeriesTheRulesReadExists() {
        Set<String> names = new TreeSet<>();
        Matcher name = Pattern.compile("\\b([a-z_]+(?:_total|_seconds|_bucket|_drift)|[a-z_]+:[a-z0-9_]+:[a-z0-9_]+)\\b")
                .matcher(String.join("\n", AlertRules.rules().stream().map(AlertRules.Rule::expr).toList()));
        while (name.find()) {
            names.add(name.group(1));
        }
        names.add("up{job=\"dq-monitor\"}");
        assertThat(names).hasSizeGreaterThan(10).allSatisfy(series ->
                Awaitility.await(series + " in Prometheus").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> instantQuery("count(" + series + ")").size() == 1));
    }

    @Test
    void firingAlertsReachAlertmanager() {
        Awaitility.await("alerts in Alertmanager").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(alertmanagerAlerts()).contains("DqEventsRejected", "DqSchemaChanged",
                        "DqConnectorFailed", "DqUnavailableValues"));
    }

    @Test
    void theGrafanaRoleCannotWrite() {
        assertThatThrownBy(() -> {
            try (Connection reader = readerConnection(); Statement statement = reader.createStatement()) {
                statement.execute("DELETE FROM public.user_activities");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
    }

    private JsonNode rangeQuery(Dashboards.Query query) throws Exception {
        Instant end = Instant.now();
        GrafanaTemplating grafana = new GrafanaTemplating(end.minus(range(query.dashboardJson())), end, Map.of(
                "table", GrafanaTemplating.promRegex(prometheusTables()), "signal", ".*", "connector", ".*",
                "__rate_interval", "10s", "__interval", "1s", "__range", "5m"));
        return api("/api/v1/query_range", Map.of("query", grafana.promql(query.text()),
                "start", Long.toString(end.minus(Duration.ofMinutes(5)).getEpochSecond()),
                "end", Long.toString(end.getEpochSecond()), "step", "1"));
    }

    private static boolean hasFiniteSample(JsonNode result) {
        for (JsonNode series : result) {
            for (JsonNode sample : series.path("values")) {
                String value = sample.get(1).asString();
                if (!value.equals("NaN") && !value.endsWith("Inf")) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<JsonNode> instantQuery(String expr) throws Exception {
        List<JsonNode> samples = new ArrayList<>();
        api("/api/v1/query", Map.of("query", expr)).forEach(samples::add);
        return samples;
    }

    private List<JsonNode> rules() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        api("/api/v1/rules", Map.of()).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private List<String> prometheusTables() throws Exception {
        List<String> tables = new ArrayList<>();
        api("/api/v1/label/table/values", Map.of("match[]", "cdc_events_total")).forEach(v -> tables.add(v.asString()));
        return tables;
    }

    private JsonNode api(String path, Map<String, String> parameters) throws Exception {
        JsonNode answer = PipelineClient.JSON.readTree(prometheus.get(path, parameters));
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("success");
        JsonNode data = answer.path("data");
        return data.has("result") ? data.path("result") : data;
    }

    private Set<String> alertmanagerAlerts() throws Exception {
        Set<String> names = new TreeSet<>();
        PipelineClient.JSON.readTree(alertmanager.get("/api/v2/alerts", Map.of()))
                .forEach(alert -> names.add(alert.path("labels").path("alertname").asString()));
        return names;
    }

    private List<String> sqlTables() throws SQLException {
        String variableQuery = Dashboards.all().stream()
                .filter(d -> d.path("title").asString().equals("History")).findFirst().orElseThrow()
                .path("templating").path("list").get(0).path("query").asString();
        return queryAsReader(variableQuery);
    }

    private static int rowsAsReader(String sql) throws SQLException {
        return queryAsReader(sql).size();
    }

    /** The first column of every row the query returns, run as Grafana's read-only role. */
    private static List<String> queryAsReader(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection reader = readerConnection(); Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection readerConnection() throws SQLException {
        return DriverManager.getConnection(STACK.jdbcUrl(), "grafana_reader", "");
    }

    private static Duration range(JsonNode dashboard) {
        String from = dashboard.path("time").path("from").asString();
        return Duration.ofSeconds(GrafanaTemplating.seconds(from.substring("now-".length())));
    }
}
