package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.stereotype.Component;

/**
 * {@code pattern: '^…$'}: the text of a non-null value must contain a match of the regular expression (anchor it
 * with ^ and $ to match the whole value). Null is left to {@code not-null}.
 */
final class PatternRule implements ColumnRule.ValueRule {

    private final Pattern pattern;

    PatternRule(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public String name() {
        return "pattern";
    }

    @Override
    public boolean accepts(Object value) {
        return value == null || pattern.matcher(value.toString()).find();
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("pattern");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            String regex = settings.text("pattern");
            try {
                return Optional.of(new PatternRule(Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                throw new InvalidRulesException(settings.path("pattern"),
                        "invalid regular expression '" + regex + "': " + e.getDescription());
            }
        }
    }
}
