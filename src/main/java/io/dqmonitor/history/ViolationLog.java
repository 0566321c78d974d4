package io.dqmonitor.history;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.rules.Violation;
import io.dqmonitor.schema.SchemaChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes violations and schema changes to {@code dq_monitor.violations} and {@code dq_monitor.schema_changes}: one
 * JDBC batch per table and batch of events, in one transaction. Rows are keyed by the event's source position, and a
 * row that is already there is left alone, so replays and retried batches never add a second row. Values are made
 * storable first ({@link Storable}): nothing a change stream carries fails the write.
 */
@Component
public class ViolationLog {

    private static final String INSERT_VIOLATION = """
            INSERT INTO dq_monitor.violations
              (table_name, column_name, rule, value, row_key, op, lsn, tx_id, source_ts, event_id)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_SCHEMA_CHANGE = """
            INSERT INTO dq_monitor.schema_changes
              (table_name, change, column_name, old_type, new_type, lsn, source_ts, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ViolationLog(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** What one change event adds to the history. */
    public record Entry(ChangeEvent event, SourcePosition position, List<Violation> violations,
            List<SchemaChange> schemaChanges) {
    }

    public void store(List<Entry> entries) {
        List<Object[]> violations = new ArrayList<>();
        List<Object[]> schemaChanges = new ArrayList<>();
        for (Entry entry : entries) {
            ChangeEvent event = entry.event();
            String table = Storable.name(event.table());
            String rowKey = Storable.json(entry.position().rowKey());
            String eventId = entry.position().id();
            Timestamp sourceTs = event.sourceTimestamp() == null ? null : Timestamp.from(event.sourceTimestamp());
            for (Violation v : entry.violations()) {
                violations.add(new Object[] {table, Storable.name(v.column()), Storable.text(v.rule()),
                        Storable.text(v.value()), rowKey, event.op().label(), event.lsn(), event.txId(), sourceTs,
                        eventId});
            }
            for (SchemaChange c : entry.schemaChanges()) {
                schemaChanges.add(new Object[] {Storable.name(c.table()), c.change(), Storable.name(c.column()),
                        Storable.text(c.oldType()), Storable.text(c.newType()), event.lsn(), sourceTs, eventId});
            }
        }
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
}
