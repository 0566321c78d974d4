package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.tasks.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every interval, counts the rows of each table with rules and exports how far that is from the count the stream
 * implies ({@code dq_cdc_row_count_drift{table}}). The first check of a table takes its baseline; each later check
 * settles the one before it, so the gauge moves one interval behind the table and a lost event leaves a lasting
 * difference while changes still on their way leave none.
 */
@Component
class CompletenessChecker {

    private static final Logger log = LoggerFactory.getLogger(CompletenessChecker.class);

    private final RowCountLedger ledger;
    private final RulesInForce rules;
    private final RowCounters counters;
    private final CompletenessMetrics metrics;

    CompletenessChecker(RowCountLedger ledger, RulesInForce rules, RowCounters counters, CompletenessMetrics metrics,
            CompletenessProperties properties, BackgroundTasks tasks) {
        this.ledger = ledger;
        this.rules = rules;
        this.counters = counters;
        this.metrics = metrics;
        if (properties.enabled()) {
            tasks.register("completeness", Duration.ZERO, properties.interval(), this::checkAll);
        }
    }

    /** Checks every table, each on its own: one table's failure does not skip the others, but fails the run. */
    void checkAll() {
        List<String> failed = new ArrayList<>();
        Map<String, RowCounter> counted = new HashMap<>();
        rules.tables().keySet().forEach(table -> counters.of(table).ifPresent(counter -> counted.put(table, counter)));
        metrics.retain(counted.keySet());
        for (Map.Entry<String, RowCounter> entry : counted.entrySet()) {
            String table = entry.getKey();
            try {
                check(table, entry.getValue());
            } catch (RuntimeException e) {
                // a database outage, a dropped table, a transaction that cannot begin: this check is lost, the next
                // one takes its place; the ledger drops a check that never completed
                log.warn("Completeness check of {} failed: {}", table, e.toString());
                failed.add(table + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("completeness check failed for " + String.join(", ", failed));
        }
    }

    private void check(String table, RowCounter counter) {
        RowCountLedger.Check check = ledger.begin(table);
        RowCounter.Counted counted = counter.count(table);
        log.debug("Completeness check of {}: {} rows in snapshot {}", table, counted.rows(), counted.snapshot());
        ledger.complete(check, counted.rows(), counted.snapshot()).ifPresent(drift -> metrics.drift(table, drift));
    }
}
