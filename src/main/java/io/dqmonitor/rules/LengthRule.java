package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code min-length: 2, max-length: 64}: the text of a non-null value must have at least and at most so many
 * characters (code points), both inclusive. Null is left to {@code not-null}.
 */
final class LengthRule implements ColumnRule.ValueRule {

    private final Integer min;
    private final Integer max;

    LengthRule(Integer min, Integer max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public String name() {
        return "length";
    }

    @Override
    public boolean accepts(Object value) {
        if (value == null) {
            return true;
        }
        String text = Values.text(value);
        // a text far beyond the bound is decided without counting all of it
        if (max != null && text.length() > 2L * max) {
            return false;
        }
        int length = text.codePointCount(0, text.length());
        return (min == null || length >= min) && (max == null || length <= max);
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("min-length", "max-length");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            Integer min = settings.has("min-length") ? settings.nonNegativeInt("min-length") : null;
            Integer max = settings.has("max-length") ? settings.nonNegativeInt("max-length") : null;
            if (min != null && max != null && min > max) {
                throw new InvalidRulesException(settings.path("min-length"),
                        "min-length " + min + " is greater than max-length " + max);
            }
            return Optional.of(new LengthRule(min, max));
        }
    }
}
