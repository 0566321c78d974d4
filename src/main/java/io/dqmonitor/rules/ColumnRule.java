package io.dqmonitor.rules;

import io.dqmonitor.cdc.ChangeEvent;

/**
 * A check of one column; either a {@link ValueRule} on the after image or a {@link ChangeRule} on before and after;
 * or of a whole change, an {@link EventRule}, whose column label is its own name.
 */
public interface ColumnRule {

    /** The rule's label in {@code dq_violations_total{rule}} and in stored violations. */
    String name();

    /** Checks one value of the row's after image. */
    interface ValueRule extends ColumnRule {

        /** Whether the value (possibly null) passes. */
        boolean accepts(Object value);

        /**
         * Why this rule cannot check the value at all (a {@code dq_rules_skipped_total} reason), or null when it can.
         * Asked before {@link #accepts}, which is then not called.
         */
        default String uncheckable(Object value) {
            return null;
        }
    }

    /** Checks how an update changed a column; needs the before image. */
    interface ChangeRule extends ColumnRule {

        /** Whether the move from {@code before} to {@code after} (either possibly null) is allowed. */
        boolean accepts(Object before, Object after);
    }

    /** Checks a whole change, of any operation: its before and after images and its source. */
    interface EventRule extends ColumnRule {

        /** Whether the change passes, breaks the rule, or cannot be checked and why. */
        Verdict check(ChangeEvent event);
    }

    /**
     * An {@link EventRule}'s outcome: {@code skipped} is a {@code dq_rules_skipped_total} reason, or null when the
     * change was checked.
     */
    record Verdict(boolean violated, String skipped) {

        public static final Verdict PASSED = new Verdict(false, null);
        public static final Verdict VIOLATED = new Verdict(true, null);

        public static Verdict skipped(String reason) {
            return new Verdict(false, reason);
        }
    }
}
