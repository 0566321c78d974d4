package io.dqmonitor.stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes realistic user activity into {@code user_activities} (PostgreSQL's or MariaDB's, by {@link ActivityRow.Sql}): logins, logouts, purchases and profile updates,
 * with a configurable share of bad rows (each breaking one rule of the shipped rule set), updates and deletes.
 */
public final class ActivitySimulator implements AutoCloseable {

    /**
     * @param rowsPerSecond  inserts per second
     * @param badShare       share of inserts that break a rule (0..1)
     * @param updateShare    share of ticks that also update a recent row
     * @param deleteShare    share of ticks that also delete a recent row
     */
    public record Settings(double rowsPerSecond, double badShare, double updateShare, double deleteShare) {
    }

    private final Connection connection;
    private final ActivityRow.Sql sql;
    private final Settings settings;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "activity-simulator");
        thread.setDaemon(true);
        return thread;
    });

    public ActivitySimulator(Connection connection, Settings settings, Consumer<String> log) {
        this(connection, ActivityRow.Sql.POSTGRES, settings, log);
    }

    public ActivitySimulator(Connection connection, ActivityRow.Sql sql, Settings settings, Consumer<String> log) {
        this.connection = connection;
        this.sql = sql;
        this.settings = settings;
        this.log = log;
    }

    public Settings settings() {
        return settings;
    }

    /** Starts writing; at a rate of 0 (or less) it writes nothing, so that a user can count their own writes. */
    public void start() {
        if (settings.rowsPerSecond() <= 0) {
            log.accept("activity simulator: off (--sim.rate=0)");
            return;
        }
        long periodMicros = (long) (1_000_000 / Math.max(0.01, settings.rowsPerSecond()));
        scheduler.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            insert(random, random.nextDouble() < settings.badShare());
            if (random.nextDouble() < settings.updateShare()) {
                execute(sql.updateRecent(),
                        "user" + random.nextInt(1000) + "@example.com", (long) random.nextInt(20));
            }
            if (random.nextDouble() < settings.deleteShare()) {
                execute(sql.deleteRecent(),
                        (long) (20 + random.nextInt(20)));
            }
        } catch (SQLException e) {
            // keep simulating: one failed write (e.g. the database restarting) is not the end of the demo
            log.accept("activity simulator: " + e.getMessage());
        }
    }

    private void insert(ThreadLocalRandom random, boolean bad) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql.insert())) {
            ActivityRow.random(random, bad).bind(insert);
            insert.executeUpdate();
        }
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        scheduler.shutdownNow();
        connection.close();
    }
}
