package io.dqmonitor.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.dqmonitor.stack.EmbeddedStack;
import org.awaitility.Awaitility;

/** SQL on the stack's MariaDB reference table, and the sentinel row that shows dq-monitor has read what came before. */
final class MariaDbWrites implements AutoCloseable {

    static final String TABLE = "monitoring.user_activities";
    /** What {@link #writeKnownChanges} breaks: each rule of the shipped MariaDB rules once. */
    static final Map<String, Double> KNOWN_VIOLATIONS = Map.of(
            PrometheusScrape.violations(TABLE, "user_id", "not_null"), 1.0,
            PrometheusScrape.violations(TABLE, "activity_type", "allowed_values"), 1.0,
            PrometheusScrape.violations(TABLE, "amount", "range"), 1.0,
            PrometheusScrape.violations(TABLE, "email", "pattern"), 1.0,
            PrometheusScrape.violations(TABLE, "amount", "not_null"), 1.0,
            PrometheusScrape.violations(TABLE, "user_id", "immutable"), 1.0);
    /** Its events: five creates and the sentinel's, two updates, one delete. */
    static final Map<String, Double> KNOWN_EVENTS = Map.of(PrometheusScrape.events(TABLE, "create"), 7.0,
            PrometheusScrape.events(TABLE, "update"), 2.0, PrometheusScrape.events(TABLE, "delete"), 1.0);
    static final long KNOWN_HISTORY_ROWS = 6;

    private final Connection connection;
    private final PipelineClient client;

    MariaDbWrites(EmbeddedStack stack, PipelineClient client) throws SQLException {
        this.connection = stack.connectMariaDb();
        this.client = client;
    }

    Connection connection() {
        return connection;
    }

    /** Inserts a row of {@code user_id, activity_type, amount, email} and returns its id. */
    long insert(String values) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO user_activities (user_id, activity_type, amount, email) VALUES (" + values
                    + ")", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = sql.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Rows that break each shipped rule once, an update that breaks one, a legal update and a delete. */
    void writeKnownChanges() throws SQLException {
        long good = insert("1, 'login', 10.00, 'a@example.com'");
        insert("NULL, 'login', 1.00, 'b@example.com'");          // not_null
        insert("2, 'teleport', 1.00, 'c@example.com'");          // allowed_values
        insert("3, 'login', -5.00, 'd@example.com'");            // range
        insert("4, 'login', 1.00, 'not-an-email'");              // pattern
        insert("5, 'purchase', NULL, 'e@example.com'");          // not_null when a purchase
        execute("UPDATE user_activities SET user_id = 99 WHERE id = " + good);   // immutable
        execute("UPDATE user_activities SET activity_type = 'logout' WHERE id = " + good);
        execute("DELETE FROM user_activities WHERE id = " + good);
    }

    void execute(String statement) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** Writes a sentinel row and waits until it shows in /api/changes; the scrape then. */
    PrometheusScrape awaitProcessed() throws Exception {
        String email = "sentinel-" + UUID.randomUUID() + "@example.com";
        insert("0, 'login', NULL, '" + email + "'");
        Awaitility.await("MariaDB change with email " + email).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/api/changes?limit=100").body().contains(email));
        return client.scrape();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
