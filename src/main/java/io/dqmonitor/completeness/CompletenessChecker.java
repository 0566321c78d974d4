package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.partitions.TableLeads;
import io.dqmonitor.rules.RuleMetrics;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.tasks.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every interval, counts the rows of each table with rules that this instance leads ({@link TableLeads}) and exports
 * how far that is from the count the stream implies ({@code dq_cdc_row_count_drift{table}}); a count outside the
 * table's {@code min-rows}/{@code max-rows} is a violation {@code row_count}. Each check is settled
 * one check later, when every change its snapshot saw has had an interval to arrive and be stored by whichever
 * instance reads its partition: changes still on their way leave no drift, a lost one leaves a lasting difference.
 * The first check settled becomes the baseline, which stays open: every later check is compared with it.
 */
@Component
class CompletenessChecker {

    private static final Logger log = LoggerFactory.getLogger(CompletenessChecker.class);

    private final LedgerStore store;
    private final RulesInForce rules;
    private final RowCounters counters;
    private final CompletenessMetrics metrics;
    private final TableLeads leads;
    private final RuleMetrics ruleMetrics;
    private final Duration interval;

    CompletenessChecker(LedgerStore store, RulesInForce rules, RowCounters counters, CompletenessMetrics metrics,
            CompletenessProperties properties, TableLeads leads, BackgroundTasks tasks, RuleMetrics ruleMetrics) {
        this.ruleMetrics = ruleMetrics;
        this.store = store;
        this.rules = rules;
        this.counters = counters;
        this.metrics = metrics;
        this.leads = leads;
        this.interval = properties.interval();
        if (properties.enabled()) {
            tasks.register("completeness", Duration.ZERO, interval, this::checkAll);
        }
    }

    /** Checks every table, each on its own: one table's failure does not skip the others, but fails the run. */
    void checkAll() {
        List<String> failed = new ArrayList<>();
        Map<String, RowCounter> led = new LinkedHashMap<>();
        rules.tables().keySet().stream().filter(leads::leads)
                .forEach(table -> counters.of(table).ifPresent(counter -> led.put(table, counter)));
        // a table another instance leads now is reported there
        metrics.retain(led.keySet());
        for (Map.Entry<String, RowCounter> entry : led.entrySet()) {
            String table = entry.getKey();
            try {
                check(table, entry.getValue());
            } catch (RuntimeException e) {
                // a database outage, a dropped table, a transaction that cannot begin: this check is lost, the next
                // one takes its place
                log.warn("Completeness check of {} failed: {}", table, e.toString());
                failed.add(table + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("completeness check failed for " + String.join(", ", failed));
        }
    }

    /** One table's run: settle the checks before it, then take a new one. */
    void check(String table, RowCounter counter) {
        store.discardUnfinished(table, interval.multipliedBy(2));
        settle(table);
        long check = store.begin(table);
        try {
            RowCounter.Counted counted = counter.count(table);
            log.debug("Completeness check of {}: {} rows in snapshot {}", table, counted.rows(), counted.snapshot());
            store.complete(check, counted.rows(), counted.snapshot());
            checkBounds(table, counted.rows());
        } catch (RuntimeException e) {
            try {
                store.discard(check);
            } catch (RuntimeException discardFailed) {
                e.addSuppressed(discardFailed);
            }
            throw e;
        }
    }

    /** A count outside the table's {@code min-rows}/{@code max-rows} is one violation per check that finds it. */
    private void checkBounds(String table, long rows) {
        TableRules tableRules = rules.tables().get(table);
        if (tableRules != null && !tableRules.rows().allows(rows)) {
            log.warn("{} holds {} rows, outside its bounds {}", table, rows, tableRules.rows());
            ruleMetrics.violation(table, TableRules.TABLE_COLUMN, TableRules.ROW_COUNT);
        }
    }

    /** Settles the checks of earlier runs (half an interval is the margin for this run's lateness). */
    private void settle(String table) {
        List<LedgerStore.CompletedCheck> done = store.completed(table, interval.dividedBy(2));
        Optional<LedgerStore.Baseline> baseline = store.baseline(table);
        if (!done.isEmpty()) {
            List<PartitionLedger> partitions = store.partitions(table);
            for (LedgerStore.CompletedCheck check : done) {
                Settlement.Outcome outcome = Settlement.of(baseline, check, partitions);
                if (outcome.rebase()) {
                    store.rebase(table, check.id(), outcome.drift());
                } else {
                    store.settle(table, check.id(), outcome.drift());
                }
                // as settled here, or by another instance just now
                baseline = store.baseline(table);
            }
        }
        baseline.map(LedgerStore.Baseline::drift).ifPresent(drift -> metrics.drift(table, drift));
    }
}
