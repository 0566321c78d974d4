package io.dqmonitor.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Excerpt;
import io.dqmonitor.cdc.Op;

/**
 * Checks each change event against the rules of its table: value rules on the after image of creates, updates and
 * snapshot reads; change rules on the before and after images of updates; table limits on every change. The rule set
 * is read from {@link RulesInForce} once per event, so an event is always checked against one whole rule set.
 */
public final class RuleEvaluator {

    public static final String NO_BEFORE_IMAGE = "no_before_image";
    public static final String MISSING_COLUMN = "missing_column";
    public static final String UNAVAILABLE_VALUE = "unavailable_value";
    /** Debezium's default {@code unavailable.value.placeholder}. */
    public static final String DEBEZIUM_PLACEHOLDER = "__debezium_unavailable_value";
    /** The longest value a violation keeps, in characters. */
    static final int MAX_VALUE_LENGTH = 1000;

    private final RulesInForce rules;
    private final BlastRadius blastRadius = new BlastRadius();
    private final String unavailable;
    private final String unavailableBase64;

    public RuleEvaluator(RulesInForce rules, String unavailablePlaceholder) {
        this.rules = rules;
        this.unavailable = unavailablePlaceholder;
        this.unavailableBase64 = Base64.getEncoder().encodeToString(unavailablePlaceholder.getBytes(StandardCharsets.UTF_8));
    }

    public Evaluation evaluate(ChangeEvent event) {
        TableRules rules = this.rules.tables().get(event.table());
        if (rules == null) {
            return Evaluation.NONE;
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> skipped = new TreeSet<>();
        if (event.op().hasAfterImage() && event.after() != null) {
            check(rules.checks(), event, violations, skipped);
            for (TableRules.Conditional conditional : rules.conditionals()) {
                if (matches(conditional.when(), event.after())) {
                    check(conditional.checks(), event, violations, skipped);
                }
            }
        }
        blastRadius.observe(rules, event).forEach(violations::add);
        return new Evaluation(violations, skipped);
    }

    private static boolean matches(Map<String, String> when, Map<String, Object> row) {
        return when.entrySet().stream()
                .allMatch(condition -> Objects.equals(condition.getValue(), Values.text(row.get(condition.getKey()))));
    }

    private void check(List<TableRules.ColumnCheck> checks, ChangeEvent event, List<Violation> out,
            Set<String> skipped) {
        for (TableRules.ColumnCheck check : checks) {
            if (!event.after().containsKey(check.column())) {
                // the column is gone (or never was): reported, not guessed
                skipped.add(MISSING_COLUMN);
                continue;
            }
            if (isUnavailable(event.after().get(check.column()))
                    || event.before() != null && isUnavailable(event.before().get(check.column()))) {
                // an unchanged TOASTed value Debezium could not read: unknown, so neither good nor bad
                skipped.add(UNAVAILABLE_VALUE);
                continue;
            }
            Violation violation = check.rule() instanceof ColumnRule.ValueRule rule
                    ? checkValue(rule, check.column(), event)
                    : checkChange((ColumnRule.ChangeRule) check.rule(), check.column(), event, skipped);
            // a when block may repeat a rule the table already has; one failure is one violation
            if (violation != null && !out.contains(violation)) {
                out.add(violation);
            }
        }
    }

    /** The placeholder as text, or as the single element of an array column; bytea's arrives base64-encoded. */
    private boolean isUnavailable(Object value) {
        if (value instanceof List<?> list) {
            return list.size() == 1 && isUnavailable(list.get(0));
        }
        return value instanceof String text && (text.equals(unavailable) || text.equals(unavailableBase64));
    }

    private static Violation checkValue(ColumnRule.ValueRule rule, String column, ChangeEvent event) {
        Object value = event.after().get(column);
        return rule.accepts(value) ? null : new Violation(column, rule.name(), Excerpt.of(Values.text(value), MAX_VALUE_LENGTH));
    }

    private static Violation checkChange(ColumnRule.ChangeRule rule, String column, ChangeEvent event,
            Set<String> skipped) {
        if (event.op() != Op.UPDATE) {
            return null;
        }
        if (event.before() == null || !event.before().containsKey(column)) {
            skipped.add(NO_BEFORE_IMAGE);
            return null;
        }
        Object before = event.before().get(column);
        Object after = event.after().get(column);
        return rule.accepts(before, after) ? null
                : new Violation(column, rule.name(), Excerpt.of(Values.text(before), MAX_VALUE_LENGTH) + " -> "
                        + Excerpt.of(Values.text(after), MAX_VALUE_LENGTH));
    }
}
