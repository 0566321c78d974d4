package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code min: 0, max: 100000}: a non-null value must be a number within the bounds, both inclusive; with
 * {@code exclusive-min} or {@code exclusive-max} (ODCS's {@code exclusiveMinimum}), strictly beyond. A value that is
 * not a number at all is out of range too. Null is left to {@code not-null}.
 */
final class RangeRule implements ColumnRule.ValueRule {

    private final BigDecimal min;
    private final BigDecimal max;
    private final boolean exclusiveMin;
    private final boolean exclusiveMax;

    RangeRule(BigDecimal min, BigDecimal max) {
        this(min, max, false, false);
    }

    RangeRule(BigDecimal min, BigDecimal max, boolean exclusiveMin, boolean exclusiveMax) {
        this.min = min;
        this.max = max;
        this.exclusiveMin = exclusiveMin;
        this.exclusiveMax = exclusiveMax;
    }

    @Override
    public String name() {
        return "range";
    }

    @Override
    public boolean accepts(Object value) {
        if (value == null) {
            return true;
        }
        return Values.number(value)
                .filter(n -> min == null || n.compareTo(min) >= (exclusiveMin ? 1 : 0))
                .filter(n -> max == null || n.compareTo(max) <= (exclusiveMax ? -1 : 0))
                .isPresent();
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("min", "max", "exclusive-min", "exclusive-max");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            BigDecimal min = bound(settings, "min", "exclusive-min");
            BigDecimal max = bound(settings, "max", "exclusive-max");
            String minKey = settings.has("min") ? "min" : "exclusive-min";
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new InvalidRulesException(settings.path(minKey), "the lower bound " + min
                        + " is greater than the upper bound " + max);
            }
            return Optional.of(new RangeRule(min, max, !settings.has("min") && min != null,
                    !settings.has("max") && max != null));
        }

        /** One bound, inclusive or exclusive; giving both is a contradiction. */
        private static BigDecimal bound(RuleSettings settings, String inclusive, String exclusive) {
            if (settings.has(inclusive) && settings.has(exclusive)) {
                throw new InvalidRulesException(settings.path(exclusive), "give " + inclusive + " or " + exclusive
                        + ", not both");
            }
            return settings.has(inclusive) ? settings.decimal(inclusive)
                    : settings.has(exclusive) ? settings.decimal(exclusive) : null;
        }
    }
}
