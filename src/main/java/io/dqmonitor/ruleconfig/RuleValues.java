package io.dqmonitor.ruleconfig;

import java.time.Duration;
import java.util.Map;

import io.dqmonitor.rules.InvalidRulesException;
import org.springframework.boot.convert.DurationStyle;

/** Setting values of the rule files, read leniently as YAML and properties give them, or refused naming their path. */
final class RuleValues {

    private RuleValues() {
    }

    static Integer positive(String path, Object value) {
        Long number = wholeNumber(path, value, 1, Integer.MAX_VALUE);
        return number == null ? null : number.intValue();
    }

    /** A count of at least 0, or null when not given. */
    static Long count(String path, Object value) {
        return wholeNumber(path, value, 0, Long.MAX_VALUE);
    }

    private static Long wholeNumber(String path, Object value, long least, long most) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            long number = Long.parseLong(value.toString().trim());
            if (number >= least && number <= most) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRulesException(path, "expected a whole number of at least " + least + " but got '" + value
                + "'");
    }

    static Duration duration(String path, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            Duration duration = DurationStyle.detectAndParse(value.toString().trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidRulesException(path, "must be a positive duration such as 5m");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new InvalidRulesException(path, "'" + value + "' is not a duration (use e.g. 30s, 5m, 1h)");
        }
    }

    /**
     * What {@code parse} makes of settings that {@code clause} gave, if any: a mistake in them names the contract
     * clause beside the key, since the key is where the contract's settings were merged, not where they were written.
     */
    static <T> T from(String clause, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidRulesException e) {
            if (clause == null || e.getMessage().contains(clause)) {
                throw e;
            }
            throw new InvalidRulesException(e.key(), e.getMessage().substring(e.key().length() + 2)
                    + " (set by the contract clause " + clause + ")");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(String path, Object value) {
        if (value == null || "".equals(value)) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidRulesException(path, "expected a map of settings but got '" + value + "'");
        }
        return (Map<String, Object>) value;
    }
}
