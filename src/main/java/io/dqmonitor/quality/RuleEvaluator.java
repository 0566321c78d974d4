package io.dqmonitor.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dqmonitor.cdc.ChangeEvent;

/** Checks the after image of each change event against the rules of its table. */
public final class RuleEvaluator {

    private final Map<String, TableRules> tables;

    RuleEvaluator(Map<String, TableRules> tables) {
        this.tables = tables;
    }

    public Map<String, TableRules> tables() {
        return tables;
    }

    public List<Violation> evaluate(ChangeEvent event) {
        TableRules rules = tables.get(event.table());
        if (rules == null || !event.op().hasAfterImage() || event.after() == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        check(rules.checks(), event.after(), violations);
        for (TableRules.Conditional conditional : rules.conditionals()) {
            if (matches(conditional.when(), event.after())) {
                check(conditional.checks(), event.after(), violations);
            }
        }
        return violations;
    }

    private static boolean matches(Map<String, String> when, Map<String, Object> row) {
        return when.entrySet().stream()
                .allMatch(condition -> Objects.equals(condition.getValue(), Values.text(row.get(condition.getKey()))));
    }

    private static void check(List<TableRules.ColumnCheck> checks, Map<String, Object> row, List<Violation> out) {
        for (TableRules.ColumnCheck check : checks) {
            Object value = row.get(check.column());
            if (!check.rule().accepts(value)) {
                Violation violation = new Violation(check.column(), check.rule().name(), Values.text(value));
                // a when block may repeat a rule the table already has; one failure is one violation
                if (!out.contains(violation)) {
                    out.add(violation);
                }
            }
        }
    }
}
