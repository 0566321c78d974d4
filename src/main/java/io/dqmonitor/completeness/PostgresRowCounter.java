package io.dqmonitor.completeness;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code count(*)} of a PostgreSQL table in a repeatable-read transaction, with {@code pg_current_snapshot()}. */
final class PostgresRowCounter implements RowCounter {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    PostgresRowCounter(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        // the snapshot and the count must be the same one
        this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    @Override
    public Counted count(String table) {
        String quoted = quote(table);
        return snapshot.execute(status -> {
            String visible = jdbc.queryForObject("SELECT pg_current_snapshot()::text", String.class);
            Long rows = jdbc.queryForObject("SELECT count(*) FROM " + quoted, Long.class);
            return new Counted(rows, TransactionSnapshot.parse(visible));
        });
    }

    /** {@code schema.table} as a quoted SQL identifier. */
    static String quote(String table) {
        String[] parts = table.split("\\.", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected schema.table but got " + table);
        }
        return '"' + parts[0].replace("\"", "\"\"") + "\".\"" + parts[1].replace("\"", "\"\"") + '"';
    }
}
