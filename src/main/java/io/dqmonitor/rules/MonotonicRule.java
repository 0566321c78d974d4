package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code monotonic: increasing} (or {@code decreasing}): an update must not move the value the other way. Numbers
 * compare by value; other values (ISO-8601 timestamps, versions as text) by their text. Null on either side is not
 * compared: clearing is {@code not-cleared}'s business.
 */
final class MonotonicRule implements ColumnRule.ChangeRule {

    private final boolean increasing;

    MonotonicRule(boolean increasing) {
        this.increasing = increasing;
    }

    @Override
    public String name() {
        return "monotonic";
    }

    @Override
    public boolean accepts(Object before, Object after) {
        if (before == null || after == null) {
            return true;
        }
        int order = compare(before, after);
        return increasing ? order <= 0 : order >= 0;
    }

    private static int compare(Object before, Object after) {
        Optional<BigDecimal> a = Values.number(before);
        Optional<BigDecimal> b = Values.number(after);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get());
        }
        return before.toString().compareTo(after.toString());
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("monotonic");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            String direction = settings.text("monotonic").trim();
            return switch (direction) {
                case "increasing" -> Optional.of(new MonotonicRule(true));
                case "decreasing" -> Optional.of(new MonotonicRule(false));
                default -> throw new InvalidRulesException(settings.path("monotonic"),
                        "expected increasing or decreasing but got '" + direction + "'");
            };
        }
    }
}
