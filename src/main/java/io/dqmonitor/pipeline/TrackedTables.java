package io.dqmonitor.pipeline;

import io.dqmonitor.metrics.FirstNames;
import io.dqmonitor.rules.RulesInForce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which tables dq-monitor keeps state for. The table of a change comes from its source block, not from its topic, so
 * a producer writing made-up names to one topic would otherwise grow every per-table structure without bound: the
 * statistics, the schema baselines (a row and two round trips each), the completeness ledgers, the anomaly signals.
 * Tables with rules are always tracked; of the others, the first {@code dq.tables.max-tracked} seen; a change of any
 * further table is skipped and counted, with one warning. Separate from the bound on label values
 * ({@code dq.metrics.max-tables}), which only folds names into one label.
 */
@Component
class TrackedTables {

    private static final Logger log = LoggerFactory.getLogger(TrackedTables.class);

    private final int maxTracked;
    private final RulesInForce rules;
    private final FirstNames tracked;
    private volatile boolean warned;

    TrackedTables(TablesProperties properties, RulesInForce rules) {
        this.maxTracked = properties.maxTracked();
        this.tracked = new FirstNames(maxTracked);
        this.rules = rules;
    }

    /** Whether changes of {@code table} are checked and kept state for. */
    boolean admit(String table) {
        if (rules.table(table).isPresent() || tracked.admit(table)) {
            return true;
        }
        if (!warned) {
            warned = true;
            log.warn("More than {} tables without rules have been seen (dq.tables.max-tracked); changes of {} and of "
                    + "every further one are skipped, counted as reason untracked_table of cdc_records_skipped_total",
                    maxTracked, table);
        }
        return false;
    }
}
