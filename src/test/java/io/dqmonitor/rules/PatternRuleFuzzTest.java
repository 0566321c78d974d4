package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Patterns with repeated and nested groups, as operators write them, on very long values that almost match: each
 * try has an outcome (a match, no match, or too long to check), never a {@link StackOverflowError} or a hang.
 */
class PatternRuleFuzzTest {

    private static final String[] PATTERNS = {"^([a-z0-9._%+-])+@[a-z0-9.-]+\\.[a-z]{2,}$", "^(a+)+$",
            "^(a|aa)*$", "^((ab)*|(a|b)*)*c$", "^([^@\\s]+)*@x$", "(x+x+)+y"};

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void aLongValueUnderARepeatedGroupHasAnOutcome(@ForAll("patterns") String regex, @ForAll("values") String value) {
        ColumnRule.ValueRule rule = (ColumnRule.ValueRule) new PatternRule.Factory()
                .create(new RuleSettings("p", Map.of("pattern", regex, "pattern-max-length", "200000"))).orElseThrow();

        String uncheckable = rule.uncheckable(value);
        if (uncheckable == null) {
            rule.accepts(value);
        } else {
            assertThat(uncheckable).isEqualTo("value_too_long");
        }
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> unit = Arbitraries.of("a", "aa", "ab", "x", "b", ".", "%", "@");
        Arbitrary<String> tail = Arbitraries.of("", "!", "@", "c", "y", "@x", "@example.com");
        return net.jqwik.api.Combinators.combine(unit, Arbitraries.integers().between(1, 250_000), tail)
                .as((u, n, t) -> u.repeat(Math.max(1, n / u.length())) + t);
    }
}
