package io.dqmonitor.sourcelog;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The logical replication slots of one PostgreSQL server, from {@code pg_replication_slots}. A member of
 * {@code pg_monitor} may read all of it; on a standby the distances are measured from the last replayed LSN.
 */
final class SlotReader {

    /** One slot; {@code safeWalBytes} is null where the server reports none (no {@code max_slot_wal_keep_size}). */
    record Slot(String name, boolean active, long retainedBytes, Long flushLagBytes, Long safeWalBytes,
            String walStatus) {
    }

    private static final String SLOTS = """
            WITH here AS (SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                                      ELSE pg_current_wal_lsn() END AS lsn)
            SELECT slot_name, active,
                   coalesce(pg_wal_lsn_diff(here.lsn, restart_lsn), 0)::bigint,
                   pg_wal_lsn_diff(here.lsn, confirmed_flush_lsn)::bigint,
                   safe_wal_size, wal_status
            FROM pg_replication_slots, here
            WHERE slot_type = 'logical' AND (cardinality(?::text[]) = 0 OR slot_name = ANY (?::text[]))
            ORDER BY slot_name
            LIMIT ?""";

    private final JdbcTemplate jdbc;

    SlotReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Slot> slots(List<String> only, int max) {
        String[] names = only.toArray(String[]::new);
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(SLOTS);
            statement.setArray(1, connection.createArrayOf("text", names));
            statement.setArray(2, connection.createArrayOf("text", names));
            statement.setInt(3, max + 1);
            return statement;
        }, (row, n) -> new Slot(row.getString(1), row.getBoolean(2), row.getLong(3), nullableLong(row, 4),
                nullableLong(row, 5), row.getString(6)));
    }

    private static Long nullableLong(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
