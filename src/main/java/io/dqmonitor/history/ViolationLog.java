package io.dqmonitor.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.quality.SchemaChange;
import io.dqmonitor.quality.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes violations and schema changes to {@code dq_monitor.violations} and {@code dq_monitor.schema_changes}: one
 * JDBC batch per table and batch of events, in one transaction. Rows are keyed by the event's source position, and a
 * row that is already there is left alone, so replays and retried batches never add a second row.
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
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ViolationLog(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** What one change event adds to the history. */
    public record Entry(ChangeEvent event, List<Violation> violations, List<SchemaChange> schemaChanges) {
    }

    public void store(List<Entry> entries) {
        List<Object[]> violations = new ArrayList<>();
        List<Object[]> schemaChanges = new ArrayList<>();
        for (Entry entry : entries) {
            ChangeEvent event = entry.event();
            String rowKey = event.key() == null ? null : JSON.writeValueAsString(event.key());
            String eventId = eventId(event, rowKey);
            Timestamp sourceTs = event.sourceTimestamp() == null ? null : Timestamp.from(event.sourceTimestamp());
            for (Violation v : entry.violations()) {
                violations.add(new Object[] {event.table(), v.column(), v.rule(), v.value(), rowKey,
                        event.op().label(), event.lsn(), event.txId(), sourceTs, eventId});
            }
            for (SchemaChange c : entry.schemaChanges()) {
                schemaChanges.add(new Object[] {c.table(), c.change(), c.column(), c.oldType(), c.newType(),
                        event.lsn(), sourceTs, eventId});
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

    /** The event's identity in the source: the same for every delivery of the same change. */
    private static String eventId(ChangeEvent event, String rowKey) {
        String position = String.join("|", event.table(), event.op().label(), String.valueOf(event.lsn()),
                String.valueOf(event.txId()),
                String.valueOf(event.sourceTimestamp() == null ? null : event.sourceTimestamp().toEpochMilli()),
                rowKey == null ? "" : rowKey);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(position.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
