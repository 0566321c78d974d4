package io.dqmonitor.rules;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** {@code immutable: true}: once the column has a value, an update must not change it (nor clear it). */
final class ImmutableRule implements ColumnRule.ChangeRule {

    @Override
    public String name() {
        return "immutable";
    }

    @Override
    public boolean accepts(Object before, Object after) {
        return before == null || Objects.equals(Values.text(before), Values.text(after));
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("immutable");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            return settings.bool("immutable") ? Optional.of(new ImmutableRule()) : Optional.empty();
        }
    }
}
