package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Pattern;

import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnRulesTest {

    @Test
    void notNullRejectsOnlyNull() {
        NotNullRule rule = new NotNullRule();
        assertThat(rule.accepts(null)).isFalse();
        assertThat(rule.accepts("")).isTrue();
        assertThat(rule.accepts(0L)).isTrue();
    }

    @Test
    void notNullFalseDeclaresNoRule() {
        assertThat(new NotNullRule.Factory().create(new RuleSettings("p", Map.of("not-null", false)))).isEmpty();
    }

    @Test
    void allowedValuesAcceptsListedValuesAndNull() {
        AllowedValuesRule rule = new AllowedValuesRule(java.util.Set.of("login", "logout"));
        assertThat(rule.accepts("login")).isTrue();
        assertThat(rule.accepts(null)).isTrue();
        assertThat(rule.accepts("Login")).isFalse();
    }

    @Test
    void allowedValuesComparesNumbersByValue() {
        AllowedValuesRule rule = (AllowedValuesRule) new AllowedValuesRule.Factory()
                .create(new RuleSettings("p", Map.of("allowed-values", List.of(1, 2.5)))).orElseThrow();
        assertThat(rule.accepts(1L)).isTrue();
        assertThat(rule.accepts(new BigDecimal("2.50"))).isTrue();
        assertThat(rule.accepts(3L)).isFalse();
    }

    @Test
    void rangeIsInclusiveAtBothEnds() {
        RangeRule rule = new RangeRule(BigDecimal.ZERO, new BigDecimal("100000"));
        assertThat(rule.accepts(new BigDecimal("0.00"))).isTrue();
        assertThat(rule.accepts(new BigDecimal("100000.00"))).isTrue();
        assertThat(rule.accepts(new BigDecimal("-0.01"))).isFalse();
        assertThat(rule.accepts(new BigDecimal("100000.01"))).isFalse();
    }

    @Test
    void rangeWithOnlyAMinimumHasNoUpperBound() {
        RangeRule rule = new RangeRule(BigDecimal.ONE, null);
        assertThat(rule.accepts(Long.MAX_VALUE)).isTrue();
        assertThat(rule.accepts(0L)).isFalse();
    }

    @Test
    void rangeTreatsAValueThatIsNoNumberAsOutOfRange() {
        assertThat(new RangeRule(BigDecimal.ZERO, BigDecimal.TEN).accepts("ten")).isFalse();
    }

    @Test
    void rangeReadsNumericText() {
        assertThat(new RangeRule(BigDecimal.ZERO, BigDecimal.TEN).accepts("9.99")).isTrue();
    }

    @Test
    void rangeLeavesNullToNotNull() {
        assertThat(new RangeRule(BigDecimal.ZERO, BigDecimal.TEN).accepts(null)).isTrue();
    }

    @Test
    void patternFindsAMatchInTheText() {
        PatternRule rule = new PatternRule(Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"), 100);
        assertThat(rule.accepts("ann@example.com")).isTrue();
        assertThat(rule.accepts("not-an-email")).isFalse();
        assertThat(rule.accepts(null)).isTrue();
    }

    @Test
    void aRepeatedGroupOnALongValueNeitherOverflowsTheStackNorBacktracks() {
        // java.util.regex overflows its stack on the first (one frame a repetition) and backtracks exponentially on
        // the second; RE2 matches both in time linear in the value
        ColumnRule.ValueRule grouped = pattern("^([a-z0-9._%+-])+@[a-z0-9.-]+\\.[a-z]{2,}$");
        ColumnRule.ValueRule nested = pattern("^(a+)+$");
        String local = "a".repeat(100_000);

        assertThat(grouped.accepts(local + "@example.com")).isTrue();
        assertThat(grouped.accepts(local + "@")).isFalse();
        assertThat(nested.accepts("a".repeat(5_000) + "!")).isFalse();
    }

    @Test
    void aValueLongerThanTheBoundIsNotMatchedButSaysWhy() {
        ColumnRule.ValueRule rule = new PatternRule.Factory().create(new RuleSettings("p",
                Map.of("pattern", "^a+$", "pattern-max-length", "10"))).map(ColumnRule.ValueRule.class::cast).get();

        assertThat(rule.uncheckable("a".repeat(10))).isNull();
        assertThat(rule.uncheckable("a".repeat(11))).isEqualTo("value_too_long");
        assertThat(rule.uncheckable(null)).isNull();
        assertThat(pattern("^a+$").uncheckable("a".repeat(PatternRule.DEFAULT_MAX_LENGTH + 1)))
                .isEqualTo("value_too_long");
    }

    @Test
    void whatRe2DoesNotSupportFailsNamingTheKey() {
        for (String unsupported : List.of("^(a)\\1$", "^(?=a)a$", "^(?<!b)a$", "^a++$")) {
            assertThatThrownBy(() -> pattern(unsupported)).isInstanceOf(InvalidRulesException.class)
                    .hasMessageStartingWith("p.pattern: invalid regular expression");
        }
        assertThatThrownBy(() -> new PatternRule.Factory().create(new RuleSettings("p",
                Map.of("pattern", "a", "pattern-max-length", "0"))))
                .hasMessageStartingWith("p.pattern-max-length: expected a whole number above 0");
        assertThatThrownBy(() -> new PatternRule.Factory().create(new RuleSettings("p",
                Map.of("pattern-max-length", "5"))))
                .hasMessageStartingWith("p.pattern-max-length: belongs to a 'pattern' rule");
    }

    private static ColumnRule.ValueRule pattern(String regex) {
        return (ColumnRule.ValueRule) new PatternRule.Factory().create(new RuleSettings("p", Map.of("pattern", regex)))
                .orElseThrow();
    }

    @Test
    void ruleNamesAreTheMetricLabels() {
        assertThat(List.of(new NotNullRule().name(), new AllowedValuesRule(java.util.Set.of()).name(),
                new RangeRule(null, null).name(), new PatternRule(Pattern.compile("x"), 1).name()))
                .containsExactly("not_null", "allowed_values", "range", "pattern");
    }
}
