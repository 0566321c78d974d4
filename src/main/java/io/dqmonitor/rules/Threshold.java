package io.dqmonitor.rules;

import java.time.Duration;

/**
 * A share of a column's values that may break a rule, counted per window of source commit time instead of per change.
 * Windows are fixed (tumbling) and aligned on the epoch: with a one-hour window, 10:00 to 11:00, 11:00 to 12:00.
 * Each window's decision is made once, by the change that crossed the bound, and reported as one violation
 * {@value #RULE} of the column.
 *
 * @param name       unique in its table; names the threshold in the violation and in its clause
 * @param column     the column whose values are counted
 * @param rule       what a failing value is, e.g. {@code not-null}
 * @param maxCount   the most failing values a window may hold, or null when the bound is a percentage
 * @param percent    the bound on failing values as a percentage of the window's values, or null
 * @param inclusive  whether exactly {@code percent} is allowed ({@code max-percent}) or not ({@code below-percent})
 * @param window     the window's length
 * @param minChanges how many values a window needs before a percentage is judged
 * @param clause     the contract clause the threshold comes from, or null for a native one
 */
public record Threshold(String name, String column, ColumnRule.ValueRule rule, Integer maxCount, Double percent,
        boolean inclusive, Duration window, int minChanges, String clause) {

    /** The rule label of a crossed threshold in {@code dq_violations_total}. */
    public static final String RULE = "threshold";

    public Threshold {
        if ((maxCount == null) == (percent == null)) {
            throw new IllegalArgumentException("a threshold is either a count or a percentage");
        }
    }

    /** A threshold as configured, e.g. {@code not_null above 5% per PT1H}. */
    public String describe() {
        String bound = maxCount != null ? "more than " + maxCount
                : (inclusive ? "above " : "at or above ") + percent + "%";
        return rule.name() + " failing " + bound + " per " + window;
    }
}
