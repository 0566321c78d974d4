package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** {@code allowed-values: [a, b]}: a non-null value must be one of the list. Null is left to {@code not-null}. */
final class AllowedValuesRule implements ColumnRule.ValueRule {

    private final Set<String> allowed;

    AllowedValuesRule(Set<String> allowed) {
        this.allowed = allowed;
    }

    @Override
    public String name() {
        return "allowed_values";
    }

    @Override
    public boolean accepts(Object value) {
        return value == null || allowed.contains(Values.text(value));
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("allowed-values");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            return Optional.of(new AllowedValuesRule(Set.copyOf(settings.textList("allowed-values"))));
        }
    }
}
