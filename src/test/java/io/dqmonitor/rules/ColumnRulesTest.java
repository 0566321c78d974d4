package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

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
        PatternRule rule = new PatternRule(Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
        assertThat(rule.accepts("ann@example.com")).isTrue();
        assertThat(rule.accepts("not-an-email")).isFalse();
        assertThat(rule.accepts(null)).isTrue();
    }

    @Test
    void ruleNamesAreTheMetricLabels() {
        assertThat(List.of(new NotNullRule().name(), new AllowedValuesRule(java.util.Set.of()).name(),
                new RangeRule(null, null).name(), new PatternRule(Pattern.compile("x")).name()))
                .containsExactly("not_null", "allowed_values", "range", "pattern");
    }
}
