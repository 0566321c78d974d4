package io.dqmonitor.system;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the integration tests do to the pipeline: write rows with SQL, read dq-monitor over HTTP, and wait until
 * everything written so far has been processed. That wait writes a sentinel row and waits for it in
 * {@code /api/changes}: one partition keeps commit order, so every earlier change is processed by then.
 */
public final class PipelineClient implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final Connection db;
    private final String authorization;

    /** A client that authenticates as {@link TestUsers#TEST}, who has every role. */
    public PipelineClient(int port, Connection db) {
        this(port, db, basic(TestUsers.TEST.name(), TestUsers.TEST.password()));
    }

    /** {@code authorization}: the {@code Authorization} header of every request, or {@code null} for none. */
    public PipelineClient(int port, Connection db, String authorization) {
        this.port = port;
        this.db = db;
        this.authorization = authorization;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public long insert(Long userId, String type, String amount, String email) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO public.user_activities "
                + "(user_id, activity_type, amount, email, details) VALUES (?, ?, ?, ?, '{\"source\": \"it\"}'::jsonb) RETURNING id")) {
            if (userId == null) {
                insert.setNull(1, Types.BIGINT);
            } else {
                insert.setLong(1, userId);
            }
            insert.setString(2, type);
            insert.setBigDecimal(3, amount == null ? null : new BigDecimal(amount));
            insert.setString(4, email);
            ResultSet rows = insert.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Rows of the violation history for one table. */
    public long historyRows(String table) throws SQLException {
        return queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = '" + table + "'");
    }

    /** Writes a sentinel row, waits until dq-monitor has processed it, and returns a scrape taken then. */
    public PrometheusScrape awaitProcessed() throws Exception {
        String email = "sentinel-" + UUID.randomUUID() + "@example.com";
        insert(0L, "login", null, email);
        Awaitility.await("change with email " + email + " in /api/changes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/changes?limit=100").body().contains(email));
        return scrape();
    }

    /**
     * Writes a sentinel row and says whether dq-monitor processed it within {@code time}: for a consumer that starts
     * at the end of the topics, a sentinel written before it was assigned is never seen, so the caller writes another.
     */
    public boolean processesASentinelWithin(Duration time) throws Exception {
        String email = "sentinel-" + UUID.randomUUID() + "@example.com";
        insert(0L, "login", null, email);
        try {
            Awaitility.await().atMost(time).pollInterval(Duration.ofMillis(200))
                    .until(() -> get("/api/changes?limit=100").body().contains(email));
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException notYet) {
            return false;
        }
    }

    /** Waits until {@code series} has grown by at least {@code atLeast} since {@code before}; the scrape then. */
    public PrometheusScrape awaitGrowth(PrometheusScrape before, String series, double atLeast) {
        return Awaitility.await(series + " up by " + atLeast).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(this::scrape, s -> s.value(series) - before.value(series) >= atLeast);
    }

    public PrometheusScrape scrape() throws Exception {
        return PrometheusScrape.parse(get("/actuator/prometheus").body());
    }

    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Override
    public void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }
}
