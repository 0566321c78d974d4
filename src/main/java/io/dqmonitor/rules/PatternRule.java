package io.dqmonitor.rules;

import java.util.Optional;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.springframework.stereotype.Component;

/**
 * {@code pattern: '^…$'}: the text of a non-null value must contain a match of the regular expression (anchor it
 * with ^ and $ to match the whole value). Null is left to {@code not-null}.
 * <p>
 * Patterns are RE2 expressions (RE2/J): matching takes time linear in the value, with no backtracking and no
 * recursion, so no value can hang the consumer or overflow its stack. The price is what RE2 leaves out:
 * backreferences ({@code \1}), lookaround ({@code (?=…)}, {@code (?<!…)}), possessive quantifiers and atomic groups,
 * which fail at start-up naming the key. A value longer than {@code pattern-max-length} characters (default
 * {@value #DEFAULT_MAX_LENGTH}) is not matched: it counts in {@code dq_rules_skipped_total{reason="value_too_long"}}.
 */
final class PatternRule implements ColumnRule.ValueRule {

    static final String VALUE_TOO_LONG = "value_too_long";
    static final int DEFAULT_MAX_LENGTH = 10_000;

    private final Pattern pattern;
    private final int maxLength;

    PatternRule(Pattern pattern, int maxLength) {
        this.pattern = pattern;
        this.maxLength = maxLength;
    }

    @Override
    public String name() {
        return "pattern";
    }

    @Override
    public String uncheckable(Object value) {
        return value != null && value.toString().length() > maxLength ? VALUE_TOO_LONG : null;
    }

    @Override
    public boolean accepts(Object value) {
        return value == null || pattern.matcher(value.toString()).find();
    }

    @Component
    static final class Factory implements RuleFactory {

        private static final String MAX_LENGTH = "pattern-max-length";

        @Override
        public Set<String> keys() {
            return Set.of("pattern", MAX_LENGTH);
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            if (!settings.has("pattern")) {
                throw new InvalidRulesException(settings.path(MAX_LENGTH), "belongs to a 'pattern' rule, and there is none");
            }
            String regex = settings.text("pattern");
            int maxLength = settings.has(MAX_LENGTH) ? settings.positiveInt(MAX_LENGTH) : DEFAULT_MAX_LENGTH;
            try {
                return Optional.of(new PatternRule(Pattern.compile(regex), maxLength));
            } catch (PatternSyntaxException e) {
                throw new InvalidRulesException(settings.path("pattern"),
                        "invalid regular expression '" + regex + "' (patterns are RE2: no backreferences or "
                                + "lookaround): " + e.getDescription());
            }
        }
    }
}
