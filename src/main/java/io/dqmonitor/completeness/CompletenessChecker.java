package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.List;

import io.dqmonitor.PeriodicTask;
import io.dqmonitor.metrics.DqMetrics;
import io.dqmonitor.quality.RuleEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every interval, counts the rows of each table with rules and exports how far that is from the count the stream
 * implies ({@code dq_cdc_row_count_drift{table}}). The first check of a table takes its baseline; each later check
 * settles the one before it, so the gauge moves one interval behind the table and a lost event leaves a lasting
 * difference while changes still on their way leave none.
 */
@Component
class CompletenessChecker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CompletenessChecker.class);

    private final RowCountLedger ledger;
    private final RuleEvaluator rules;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final DqMetrics metrics;
    private final CompletenessProperties properties;
    private final PeriodicTask task = new PeriodicTask("dq-completeness");

    CompletenessChecker(RowCountLedger ledger, RuleEvaluator rules, JdbcTemplate jdbc, TransactionTemplate transactions,
            DqMetrics metrics, CompletenessProperties properties) {
        this.ledger = ledger;
        this.rules = rules;
        this.jdbc = jdbc;
        // the snapshot and the count must be the same one
        this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.metrics = metrics;
        this.properties = properties;
    }

    void checkAll() {
        for (String table : List.copyOf(rules.tables().keySet())) {
            try {
                check(table);
            } catch (DataAccessException | IllegalArgumentException e) {
                log.warn("Completeness check of {} failed: {}", table, e.getMessage());
            }
        }
    }

    private void check(String table) {
        String quoted = quote(table);
        RowCountLedger.Check check = ledger.begin(table);
        snapshot.executeWithoutResult(status -> {
            String snapshot = jdbc.queryForObject("SELECT pg_current_snapshot()::text", String.class);
            Long count = jdbc.queryForObject("SELECT count(*) FROM " + quoted, Long.class);
            log.debug("Completeness check of {}: {} rows in snapshot {}", table, count, snapshot);
            ledger.complete(check, count, TransactionSnapshot.parse(snapshot))
                    .ifPresent(drift -> metrics.rowCountDrift(table, drift));
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

    @Override
    public void start() {
        if (properties.enabled()) {
            task.start(this::checkAll, Duration.ZERO, properties.interval());
        }
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
