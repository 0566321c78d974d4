package io.dqmonitor.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.cdc.Storable;
import io.dqmonitor.rules.Violation;
import io.dqmonitor.schema.SchemaChange;
import io.dqmonitor.tasks.ExpiringRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The violation history: the one owner of {@code dq_monitor.violations} and {@code dq_monitor.schema_changes} SQL.
 * It writes violations and schema changes to {@code dq_monitor.violations} and {@code dq_monitor.schema_changes}: one
 * JDBC batch per table and batch of events, in one transaction. Rows are keyed by the event's source position, and a
 * row that is already there is left alone, so replays and retried batches never add a second row. Values are made
 * storable first ({@link Storable}): nothing a change stream carries fails the write.
 */
@Component
public class ViolationLog {

    private static final String INSERT_VIOLATION = """
            INSERT INTO dq_monitor.violations
              (table_name, column_name, rule, value, row_key, op, source_position, lsn, tx_id, source_ts, event_id,
               clause)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_SCHEMA_CHANGE = """
            INSERT INTO dq_monitor.schema_changes
              (table_name, change, column_name, old_type, new_type, source_position, lsn, source_ts, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final String SELECT_VIOLATIONS = """
            SELECT table_name, column_name, rule, value, row_key::text AS row_key, op, source_position, lsn,
                   tx_id, source_ts, clause,
                   detected_at FROM dq_monitor.violations WHERE true""";

    /** The oldest rows first, a batch at a time: one short transaction per statement. */
    private static final String DELETE_OLDER = """
            DELETE FROM dq_monitor.%1$s WHERE id IN
              (SELECT id FROM dq_monitor.%1$s WHERE detected_at < ? ORDER BY detected_at LIMIT ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    ViolationLog(JdbcTemplate jdbc, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    /** Which stored violations to read: the newest {@code limit}, each filter optional. */
    record Query(int limit, String table, String column, String rule, Instant since) {
    }

    /** The newest stored violations that match, newest first. */
    List<StoredViolation> newest(Query query) {
        StringBuilder sql = new StringBuilder(SELECT_VIOLATIONS);
        List<Object> args = new ArrayList<>();
        filter(sql, args, "table_name", query.table());
        filter(sql, args, "column_name", query.column());
        filter(sql, args, "rule", query.rule());
        if (query.since() != null) {
            sql.append(" AND detected_at >= ?");
            args.add(Timestamp.from(query.since()));
        }
        sql.append(" ORDER BY detected_at DESC, id DESC LIMIT ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), (rs, n) -> violation(rs), args.toArray());
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private StoredViolation violation(ResultSet rs) throws SQLException {
        String key = rs.getString("row_key");
        Timestamp source = rs.getTimestamp("source_ts");
        return new StoredViolation(rs.getString("table_name"), rs.getString("column_name"), rs.getString("rule"),
                rs.getString("value"), key == null ? null : json.readTree(key), rs.getString("op"),
                rs.getString("source_position"), (Long) rs.getObject("lsn"), (Long) rs.getObject("tx_id"),
                source == null ? null : source.toInstant().toString(),
                rs.getTimestamp("detected_at").toInstant().toString(), rs.getString("clause"));
    }

    /** What one change event adds to the history. */
    public record Entry(ChangeEvent event, SourcePosition position, List<Violation> violations,
            List<SchemaChange> schemaChanges) {
    }

    public void store(List<Entry> entries) {
        Rows rows = rows(entries);
        List<Object[]> violations = rows.violations();
        List<Object[]> schemaChanges = rows.schemaChanges();
        if (violations.isEmpty() && schemaChanges.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (!violations.isEmpty()) {
                jdbc.batchUpdate(INSERT_VIOLATION, violations);
            }
            if (!schemaChanges.isEmpty()) {
                jdbc.batchUpdate(INSERT_SCHEMA_CHANGE, schemaChanges);
            }
        });
    }

    /** The statements' arguments for a batch: one row of each table per violation and per schema change. */
    public record Rows(List<Object[]> violations, List<Object[]> schemaChanges) {
    }

    /** The rows {@link #store} inserts, without the database: also what the AOT cache's training runs. */
    public static Rows rows(List<Entry> entries) {
        List<Object[]> violations = new ArrayList<>();
        List<Object[]> schemaChanges = new ArrayList<>();
        for (Entry entry : entries) {
            ChangeEvent event = entry.event();
            String table = Storable.name(event.table());
            String rowKey = Storable.json(entry.position().rowKey());
            String eventId = entry.position().id();
            Timestamp sourceTs = event.sourceTimestamp() == null ? null : Timestamp.from(event.sourceTimestamp());
            String sourcePosition = Storable.text(event.position().text());
            // lsn and tx_id stay filled for PostgreSQL, whose dashboards and queries use them
            Position.Postgres pg = event.position() instanceof Position.Postgres p ? p : null;
            Long lsn = pg == null ? null : pg.lsn();
            Long txId = pg == null ? null : pg.txId();
            for (Violation v : entry.violations()) {
                violations.add(new Object[] {table, Storable.name(v.column()), Storable.text(v.rule()),
                        Storable.text(v.value()), rowKey, event.op().label(), sourcePosition, lsn, txId, sourceTs,
                        eventId, Storable.text(v.clause())});
            }
            for (SchemaChange c : entry.schemaChanges()) {
                schemaChanges.add(new Object[] {Storable.name(c.table()), c.change(), Storable.name(c.column()),
                        Storable.text(c.oldType()), Storable.text(c.newType()), sourcePosition, lsn, sourceTs, eventId});
            }
        }
        return new Rows(violations, schemaChanges);
    }

    /** {@code dq_monitor.violations} under the history's retention. */
    ExpiringRows violationsExpiry() {
        return expiring("violations");
    }

    /** {@code dq_monitor.schema_changes} under the history's retention. */
    ExpiringRows schemaChangesExpiry() {
        return expiring("schema_changes");
    }

    private ExpiringRows expiring(String table) {
        String delete = DELETE_OLDER.formatted(table);
        return new ExpiringRows() {
            @Override
            public String table() {
                return table;
            }

            @Override
            public int deleteBefore(Instant cutoff, int limit) {
                return jdbc.update(delete, Timestamp.from(cutoff), limit);
            }
        };
    }
}
