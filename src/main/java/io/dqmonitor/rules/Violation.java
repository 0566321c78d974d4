package io.dqmonitor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One failed check of one change event.
 *
 * @param column the checked column
 * @param rule   the rule's metric label ({@code not_null}, {@code allowed_values}, {@code range}, {@code pattern})
 * @param value  the offending value as text, or {@code null} when the value was null
 * @param clause the contract clause the check comes from (its file, place and id), or null for a native rule
 */
public record Violation(String column, String rule, String value,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clause) {

    /** A violation of a native rule. */
    public Violation(String column, String rule, String value) {
        this(column, rule, value, null);
    }

    Violation from(String contractClause) {
        return contractClause == null ? this : new Violation(column, rule, value, contractClause);
    }
}
