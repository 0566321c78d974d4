package io.dqmonitor.rules;

import java.util.Map;
import java.util.Optional;

/**
 * The rule set in force, per table: the one place the evaluator, the controllers, completeness and the rules endpoint
 * read it from. A reload replaces it whole ({@link #replace}), so every reader sees one whole rule set; the meters
 * of the rules follow it ({@link RuleMetrics#rulesInForce}).
 */
public final class RulesInForce {

    private final RuleMetrics metrics;
    private volatile Map<String, TableRules> tables;

    public RulesInForce(Map<String, TableRules> initial, RuleMetrics metrics) {
        this.metrics = metrics;
        replace(initial);
    }

    public Map<String, TableRules> tables() {
        return tables;
    }

    public Optional<TableRules> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** For the rule configuration only: takes a new, already validated rule set into force. */
    public void replace(Map<String, TableRules> newTables) {
        Map<String, TableRules> copy = Map.copyOf(newTables);
        metrics.rulesInForce(copy);
        this.tables = copy;
    }
}
