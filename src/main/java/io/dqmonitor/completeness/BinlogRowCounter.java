package io.dqmonitor.completeness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * {@code count(*)} of a MariaDB (or Percona) table in a consistent snapshot, with the binlog position that snapshot
 * matches ({@code binlog_snapshot_file}, {@code binlog_snapshot_position}). Oracle MySQL has no such status: there the
 * check fails, naming what is missing, rather than guess.
 */
final class BinlogRowCounter implements RowCounter {

    private final DataSource database;

    BinlogRowCounter(DataSource database) {
        this.database = database;
    }

    @Override
    public Counted count(String table) {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                sql.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                sql.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                BinlogSnapshot snapshot = snapshot(sql);
                long rows;
                try (ResultSet result = sql.executeQuery("SELECT count(*) FROM " + quote(table))) {
                    result.next();
                    rows = result.getLong(1);
                }
                return new Counted(rows, snapshot);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("counting " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static BinlogSnapshot snapshot(Statement sql) throws SQLException {
        Map<String, String> status = new HashMap<>();
        try (ResultSet result = sql.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (result.next()) {
                status.put(result.getString(1).toLowerCase(java.util.Locale.ROOT), result.getString(2));
            }
        }
        String file = status.get("binlog_snapshot_file");
        String position = status.get("binlog_snapshot_position");
        if (file == null || file.isEmpty() || position == null) {
            throw new IllegalStateException("the server reports no binlog_snapshot_file/binlog_snapshot_position "
                    + "(binary log off, or not MariaDB/Percona): a count cannot be matched to the change stream");
        }
        return new BinlogSnapshot(file, Long.parseLong(position));
    }

    /** {@code db.table} as a quoted MySQL identifier. */
    static String quote(String table) {
        String[] parts = table.split("\\.", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected db.table but got " + table);
        }
        return '`' + parts[0].replace("`", "``") + "`.`" + parts[1].replace("`", "``") + '`';
    }
}
