package io.dqmonitor.expressions;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.rules.ColumnRule;

/**
 * A CEL expression that each change must hold true, where its {@code when} does. An expression that cannot be
 * evaluated on a change (a column it names is missing, a null where a number is compared) has no verdict on it:
 * skipped and counted, never a violation and never an exception.
 */
final class ExpressionRule implements ColumnRule.EventRule {

    /** The rule label of every expression; its name is the column label. */
    static final String RULE = "expression";
    /** An expression that failed on a change. */
    static final String EXPRESSION_ERROR = "expression_error";

    private final CelRuntime.Program check;
    private final CelRuntime.Program condition;

    ExpressionRule(CelRuntime.Program check, CelRuntime.Program condition) {
        this.check = check;
        this.condition = condition;
    }

    @Override
    public String name() {
        return RULE;
    }

    /** The change the expressions of this thread saw last, as CEL sees it: a table's expressions share one. */
    private static final ThreadLocal<CelActivation> LAST = new ThreadLocal<>();

    @Override
    public Verdict check(ChangeEvent event) {
        CelActivation activation = LAST.get();
        if (activation == null || activation.event() != event) {
            activation = CelActivation.of(event);
            LAST.set(activation);
        }
        if (activation.tooLarge()) {
            return Verdict.skipped(CelActivation.VALUE_TOO_LARGE);
        }
        try {
            if (condition != null && !Boolean.TRUE.equals(condition.eval(activation.variables()))) {
                return Verdict.PASSED;
            }
            Object holds = check.eval(activation.variables());
            if (holds instanceof Boolean result) {
                return result ? Verdict.PASSED : Verdict.VIOLATED;
            }
            return Verdict.skipped(EXPRESSION_ERROR);
        } catch (CelEvaluationException | RuntimeException e) {
            // whatever the expression met on this change, the next change is checked as usual
            return Verdict.skipped(EXPRESSION_ERROR);
        }
    }
}
