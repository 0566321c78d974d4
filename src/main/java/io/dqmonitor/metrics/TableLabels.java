package io.dqmonitor.metrics;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The value of the {@code table} label. Table names come from the records, and any producer on a matched topic can
 * write any name: so every table with rules gets its own label, and so do the first {@code dq.metrics.max-tables}
 * other tables seen; any table beyond those is counted as {@value #OVERFLOW}, with one warning.
 */
@Component
public class TableLabels {

    /** The one label value of the tables beyond the limit. */
    public static final String OVERFLOW = "_other";

    private static final Logger log = LoggerFactory.getLogger(TableLabels.class);

    private final int maxTables;
    private volatile Set<String> withRules = Set.of();
    private final FirstNames admitted;
    private volatile boolean warned;

    TableLabels(MetricsProperties properties) {
        this.maxTables = properties.maxTables();
        this.admitted = new FirstNames(maxTables);
    }

    /** The tables with rules, which always have their own label. */
    public void rulesInForce(Set<String> tables) {
        this.withRules = Set.copyOf(tables);
    }

    public String of(String table) {
        if (withRules.contains(table) || admitted.admit(table)) {
            return table;
        }
        if (!warned) {
            warned = true;
            log.warn("More than {} tables without rules have been seen (dq.metrics.max-tables); {} and every further"
                    + " one is counted under table=\"{}\"", maxTables, table, OVERFLOW);
        }
        return OVERFLOW;
    }
}
