package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** {@code not-null: true}: the column must have a value. */
final class NotNullRule implements ColumnRule.ValueRule {

    @Override
    public String name() {
        return "not_null";
    }

    @Override
    public boolean accepts(Object value) {
        return value != null;
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("not-null");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            return settings.bool("not-null") ? Optional.of(new NotNullRule()) : Optional.empty();
        }
    }
}
