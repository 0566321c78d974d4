package io.dqmonitor.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Excerpt;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.privacy.Masker;
import io.dqmonitor.privacy.PiiMode;

/**
 * Checks each change event against the rules of its table: value rules on the after image of creates, updates and
 * snapshot reads; change rules on the before and after images of updates. Table limits, which span many changes, are
 * {@link TableLimits}'. The rule set is read from {@link RulesInForce} once per event, so an event is always checked
 * against one whole rule set.
 */
public final class RuleEvaluator {

    public static final String NO_BEFORE_IMAGE = "no_before_image";
    public static final String MISSING_COLUMN = "missing_column";
    public static final String UNAVAILABLE_VALUE = "unavailable_value";
    /** A MongoDB update sent without the full document: fields it did not touch cannot be checked. */
    public static final String NOT_IN_UPDATE = "not_in_update";
    /** The longest value a violation keeps, in characters. */
    static final int MAX_VALUE_LENGTH = 1000;

    private final RulesInForce rules;
    private final Masker masker;

    /** Violations quote values; those of personal columns are quoted masked, as {@code masker} shows them. */
    public RuleEvaluator(RulesInForce rules, Masker masker) {
        this.rules = rules;
        this.masker = masker;
    }

    public Evaluation evaluate(ChangeEvent event) {
        TableRules rules = this.rules.tables().get(event.table());
        if (rules == null) {
            return Evaluation.NONE;
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> skipped = new TreeSet<>();
        checkEvent(rules.checks(), event, violations, skipped);
        if (event.op().hasAfterImage() && event.after() != null) {
            check(rules, rules.checks(), event, violations, skipped);
            for (TableRules.Conditional conditional : rules.conditionals()) {
                if (matches(conditional.when(), event.after())) {
                    check(rules, conditional.checks(), event, violations, skipped);
                }
            }
        }
        return new Evaluation(violations, skipped);
    }

    private static boolean matches(Map<String, String> when, Map<String, Object> row) {
        return when.entrySet().stream()
                .allMatch(condition -> Objects.equals(condition.getValue(), Values.text(row.get(condition.getKey()))));
    }

    /** Whole-change rules see every operation; a violation quotes no value, since it may span many columns. */
    private static void checkEvent(List<TableRules.ColumnCheck> checks, ChangeEvent event, List<Violation> out,
            Set<String> skipped) {
        for (TableRules.ColumnCheck check : checks) {
            if (check.rule() instanceof ColumnRule.EventRule rule) {
                ColumnRule.Verdict verdict = rule.check(event);
                if (verdict.skipped() != null) {
                    skipped.add(verdict.skipped());
                } else if (verdict.violated()) {
                    out.add(new Violation(check.column(), rule.name(), null, check.clause()));
                }
            }
        }
    }

    private void check(TableRules rules, List<TableRules.ColumnCheck> checks, ChangeEvent event, List<Violation> out,
            Set<String> skipped) {
        for (TableRules.ColumnCheck check : checks) {
            if (check.rule() instanceof ColumnRule.EventRule) {
                continue;
            }
            if (!event.after().containsKey(check.column()) && (event.partial() || !isDocument(event))) {
                // the column is gone (or never was), or the update did not send it: reported, not guessed
                skipped.add(event.partial() ? NOT_IN_UPDATE : MISSING_COLUMN);
                continue;
            }
            if (event.unavailable().contains(check.column())) {
                // an unchanged TOASTed value Debezium could not read: unknown, so neither good nor bad
                skipped.add(UNAVAILABLE_VALUE);
                continue;
            }
            String uncheckable = check.rule() instanceof ColumnRule.ValueRule rule
                    ? rule.uncheckable(event.after().get(check.column())) : null;
            if (uncheckable != null) {
                skipped.add(uncheckable);
                continue;
            }
            Violation violation = check.rule() instanceof ColumnRule.ValueRule rule
                    ? checkValue(rules, rule, check.column(), event)
                    : checkChange(rules, (ColumnRule.ChangeRule) check.rule(), check.column(), event, skipped);
            // a when block may repeat a rule the table already has; one failure is one violation
            if (violation != null && !out.contains(violation.from(check.clause()))) {
                out.add(violation.from(check.clause()));
            }
        }
    }

    /** A whole MongoDB document: a field it lacks is null there, as MongoDB's own queries read it. */
    private static boolean isDocument(ChangeEvent event) {
        return event.position() instanceof Position.Oplog;
    }

    private Violation checkValue(TableRules rules, ColumnRule.ValueRule rule, String column, ChangeEvent event) {
        Object value = event.after().get(column);
        return rule.accepts(value) ? null : new Violation(column, rule.name(), shown(rules, column, value));
    }

    private Violation checkChange(TableRules rules, ColumnRule.ChangeRule rule, String column, ChangeEvent event,
            Set<String> skipped) {
        if (event.op() != Op.UPDATE) {
            return null;
        }
        if (event.before() == null || !event.before().containsKey(column) && !isDocument(event)) {
            skipped.add(NO_BEFORE_IMAGE);
            return null;
        }
        Object before = event.before().get(column);
        Object after = event.after().get(column);
        if (rule.accepts(before, after)) {
            return null;
        }
        return new Violation(column, rule.name(), PiiMode.of(rules.personal(), column) == PiiMode.DROP ? null
                : shown(rules, column, before) + " -> " + shown(rules, column, after));
    }

    /** A value as a violation quotes it: cut to an excerpt, or masked when the column is personal. */
    private String shown(TableRules rules, String column, Object value) {
        PiiMode mode = PiiMode.of(rules.personal(), column);
        String text = Values.text(value);
        return mode == null ? Excerpt.of(text, MAX_VALUE_LENGTH) : masker.maskText(mode, text);
    }
}
