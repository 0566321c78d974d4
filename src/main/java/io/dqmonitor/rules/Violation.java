package io.dqmonitor.rules;

/**
 * One failed check of one change event.
 *
 * @param column the checked column
 * @param rule   the rule's metric label ({@code not_null}, {@code allowed_values}, {@code range}, {@code pattern})
 * @param value  the offending value as text, or {@code null} when the value was null
 */
public record Violation(String column, String rule, String value) {
}
