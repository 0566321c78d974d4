package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code min: 0, max: 100000}: a non-null value must be a number within the bounds, both inclusive. A value that is
 * not a number at all is out of range too. Null is left to {@code not-null}.
 */
final class RangeRule implements ColumnRule.ValueRule {

    private final BigDecimal min;
    private final BigDecimal max;

    RangeRule(BigDecimal min, BigDecimal max) {
        this.min = min;
        this.max = max;
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
                .filter(n -> min == null || n.compareTo(min) >= 0)
                .filter(n -> max == null || n.compareTo(max) <= 0)
                .isPresent();
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("min", "max");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            BigDecimal min = settings.has("min") ? settings.decimal("min") : null;
            BigDecimal max = settings.has("max") ? settings.decimal("max") : null;
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new InvalidRulesException(settings.path("min"), "min " + min + " is greater than max " + max);
            }
            return Optional.of(new RangeRule(min, max));
        }
    }
}
