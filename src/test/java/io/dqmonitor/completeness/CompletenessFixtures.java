package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** Completeness parts for other packages' tests. */
public final class CompletenessFixtures {

    private CompletenessFixtures() {
    }

    /** A ledger with the completeness check off: it counts nothing and touches no database. */
    public static RowCountLedger ledgerOff() {
        CompletenessProperties off = new CompletenessProperties(false, Duration.ofMinutes(5), Map.of());
        return new RowCountLedger(new InMemoryLedgerStore(), counters(off), off);
    }

    /** Row counters that count in a database nobody listens on: enough to say which tables are counted. */
    static RowCounters counters(CompletenessProperties properties) {
        DriverManagerDataSource unreachable = new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:1/monitoring?connectTimeout=1", "postgres", "postgres");
        return new RowCounters(new JdbcTemplate(unreachable),
                new TransactionTemplate(new DataSourceTransactionManager(unreachable)), properties);
    }
}
