package io.dqmonitor.rules;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code missing-values: ['', 'N/A', null]}: a value must not be one of the values that mean "missing" (compared as
 * text, numbers by value); a {@code null} in the list makes null missing too.
 */
final class MissingValuesRule implements ColumnRule.ValueRule {

    private final Set<String> missing;
    private final boolean nullMissing;

    MissingValuesRule(Set<String> missing, boolean nullMissing) {
        this.missing = missing;
        this.nullMissing = nullMissing;
    }

    @Override
    public String name() {
        return "missing_values";
    }

    @Override
    public boolean accepts(Object value) {
        return value == null ? !nullMissing : !missing.contains(Values.text(value));
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("missing-values");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            Set<String> missing = new HashSet<>();
            boolean nullMissing = false;
            for (Object value : settings.list("missing-values")) {
                if (value == null || "null".equals(value)) {
                    nullMissing = true;
                } else {
                    missing.add(Values.text(value));
                }
            }
            return Optional.of(new MissingValuesRule(Set.copyOf(missing), nullMissing));
        }
    }
}
