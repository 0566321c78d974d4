package io.dqmonitor.anomaly;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.dqmonitor.tasks.ExpiringRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The owner of {@code dq_monitor.anomalies} and {@code dq_monitor.anomaly_detectors}. */
@Repository
class AnomalyStore implements ExpiringRows {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AnomalyStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String table() {
        return "anomalies";
    }

    /** Raised anomalies, the oldest first, a batch at a time; the detectors' states are kept. */
    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        return jdbc.update("""
                DELETE FROM dq_monitor.anomalies WHERE id IN
                  (SELECT id FROM dq_monitor.anomalies WHERE detected_at < ? ORDER BY detected_at LIMIT ?)""",
                Timestamp.from(cutoff), limit);
    }

    /** A raised anomaly, as stored and served. */
    record StoredAnomaly(String table, String signal, Instant windowStart, Instant windowEnd, double observed,
                         double expected, double bandLower, double bandUpper, double score, Instant detectedAt) {
    }

    /** A detector's learned state under its table and signal. */
    record State(String table, String signal, byte[] state) {
    }

    Optional<byte[]> state(String table, String signal) {
        return jdbc.query("SELECT state FROM dq_monitor.anomaly_detectors WHERE table_name = ? AND signal = ?",
                (rs, n) -> rs.getBytes(1), table, signal).stream().findFirst();
    }

    /** Stores the anomalies and the detectors' new states together: both or neither. */
    void save(List<StoredAnomaly> anomalies, List<State> states) {
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                    INSERT INTO dq_monitor.anomalies (table_name, signal, window_start, window_end, observed, expected,
                        band_lower, band_upper, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT ON CONSTRAINT anomalies_once_per_window DO NOTHING""", anomalies, 500, (ps, a) -> {
                ps.setString(1, a.table());
                ps.setString(2, a.signal());
                ps.setTimestamp(3, Timestamp.from(a.windowStart()));
                ps.setTimestamp(4, Timestamp.from(a.windowEnd()));
                ps.setDouble(5, a.observed());
                ps.setDouble(6, a.expected());
                ps.setDouble(7, a.bandLower());
                ps.setDouble(8, a.bandUpper());
                ps.setDouble(9, a.score());
            });
            jdbc.batchUpdate("""
                    INSERT INTO dq_monitor.anomaly_detectors (table_name, signal, state) VALUES (?, ?, ?)
                    ON CONFLICT (table_name, signal) DO UPDATE SET state = EXCLUDED.state, updated_at = now()""",
                    states, 500, (ps, s) -> {
                        ps.setString(1, s.table());
                        ps.setString(2, s.signal());
                        ps.setBytes(3, s.state());
                    });
        });
    }

    /** Which stored anomalies to read: the newest {@code limit}, each filter optional. */
    record Query(int limit, String table, String signal, Instant since) {
    }

    /** The newest anomalies that match, by window, newest first. */
    List<StoredAnomaly> newest(Query query) {
        StringBuilder sql = new StringBuilder("""
                SELECT table_name, signal, window_start, window_end, observed, expected, band_lower, band_upper, score,
                    detected_at FROM dq_monitor.anomalies WHERE true""");
        List<Object> args = new ArrayList<>();
        if (query.table() != null) {
            sql.append(" AND table_name = ?");
            args.add(query.table());
        }
        if (query.signal() != null) {
            sql.append(" AND signal = ?");
            args.add(query.signal());
        }
        if (query.since() != null) {
            sql.append(" AND window_start >= ?");
            args.add(Timestamp.from(query.since()));
        }
        sql.append(" ORDER BY window_start DESC, id DESC LIMIT ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), (rs, n) -> anomaly(rs), args.toArray());
    }

    private static StoredAnomaly anomaly(ResultSet rs) throws SQLException {
        return new StoredAnomaly(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                rs.getDouble(9), rs.getTimestamp(10).toInstant());
    }
}
