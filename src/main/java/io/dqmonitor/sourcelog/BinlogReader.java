package io.dqmonitor.sourcelog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The binary log of a MariaDB or MySQL server: its files with their sizes, where it writes now, and when it purges
 * files. Needs {@code BINLOG MONITOR} (MariaDB) or {@code REPLICATION CLIENT} (MySQL).
 */
final class BinlogReader {

    /** How many files are read at most: a server keeping more is listed by its newest. */
    static final int MAX_FILES = 10_000;

    /**
     * @param files         file name to size in bytes, oldest first
     * @param expirySeconds the server's {@code binlog_expire_logs_seconds}; 0: files are never purged by age
     */
    record Binlog(Map<String, Long> files, String currentFile, long currentPosition, long expirySeconds) {
    }

    private final DataSource database;

    BinlogReader(DataSource database) {
        this.database = database;
    }

    Binlog read() {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            Map<String, Long> files = new LinkedHashMap<>();
            try (ResultSet rows = sql.executeQuery("SHOW BINARY LOGS")) {
                while (rows.next()) {
                    files.put(rows.getString(1), rows.getLong(2));
                    if (files.size() > MAX_FILES) {
                        files.remove(files.keySet().iterator().next());
                    }
                }
            }
            String file;
            long position;
            try (ResultSet rows = sql.executeQuery("SHOW MASTER STATUS")) {
                if (!rows.next()) {
                    throw new IllegalStateException("SHOW MASTER STATUS is empty: the binary log is off");
                }
                file = rows.getString(1);
                position = rows.getLong(2);
            }
            return new Binlog(files, file, position, expiry(sql));
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("reading the binlog failed: " + e.getMessage(), e);
        }
    }

    /** {@code binlog_expire_logs_seconds}, or the older {@code expire_logs_days} where the server has only that. */
    private static long expiry(Statement sql) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SHOW VARIABLES WHERE Variable_name IN "
                + "('binlog_expire_logs_seconds', 'expire_logs_days')")) {
            long seconds = -1;
            double days = 0;
            while (rows.next()) {
                if (rows.getString(1).equalsIgnoreCase("binlog_expire_logs_seconds")) {
                    seconds = Long.parseLong(rows.getString(2));
                } else {
                    days = Double.parseDouble(rows.getString(2));
                }
            }
            return seconds >= 0 ? seconds : Math.round(days * 86_400);
        }
    }
}
