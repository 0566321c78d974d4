package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** {@code not-cleared: true}: an update must not turn a value into null. */
final class NotClearedRule implements ColumnRule.ChangeRule {

    @Override
    public String name() {
        return "not_cleared";
    }

    @Override
    public boolean accepts(Object before, Object after) {
        return before == null || after != null;
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("not-cleared");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            return settings.bool("not-cleared") ? Optional.of(new NotClearedRule()) : Optional.empty();
        }
    }
}
