package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The rules that ODCS clauses need beside the first ones: exclusive bounds, lengths and missing values. */
class ContractRulesTest {

    @Test
    void exclusiveBoundsLeaveTheBoundItselfOut() {
        ColumnRule.ValueRule rule = (ColumnRule.ValueRule) new RangeRule.Factory().create(new RuleSettings("p",
                Map.of("exclusive-min", 0, "max", 10))).orElseThrow();
        assertThat(rule.name()).isEqualTo("range");
        assertThat(rule.accepts(BigDecimal.ZERO)).isFalse();
        assertThat(rule.accepts(new BigDecimal("0.01"))).isTrue();
        assertThat(rule.accepts(10L)).isTrue();

        ColumnRule.ValueRule upper = (ColumnRule.ValueRule) new RangeRule.Factory().create(new RuleSettings("p",
                Map.of("exclusive-max", 10))).orElseThrow();
        assertThat(upper.accepts(10L)).isFalse();
        assertThat(upper.accepts(9L)).isTrue();
    }

    @Test
    void aBoundGivenBothWaysOrUpsideDownIsRefused() {
        assertThatThrownBy(() -> new RangeRule.Factory().create(new RuleSettings("p", Map.of("min", 0,
                "exclusive-min", 0)))).isInstanceOf(InvalidRulesException.class).hasMessageContaining("p.exclusive-min");
        assertThatThrownBy(() -> new RangeRule.Factory().create(new RuleSettings("p", Map.of("exclusive-min", 5,
                "max", 1)))).isInstanceOf(InvalidRulesException.class).hasMessageContaining("greater than");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        ColumnRule.ValueRule rule = (ColumnRule.ValueRule) new LengthRule.Factory().create(new RuleSettings("p",
                Map.of("min-length", 2, "max-length", 3))).orElseThrow();
        assertThat(rule.name()).isEqualTo("length");
        assertThat(rule.accepts("ab")).isTrue();
        assertThat(rule.accepts("äöü")).isTrue();
        assertThat(rule.accepts("😀😀😀")).isTrue();
        assertThat(rule.accepts("a")).isFalse();
        assertThat(rule.accepts("abcd")).isFalse();
        assertThat(rule.accepts("x".repeat(10_000_000))).isFalse();
        assertThat(rule.accepts(null)).isTrue();
        assertThat(rule.accepts(12345L)).isFalse();
    }

    @Test
    void aNegativeOrUpsideDownLengthIsRefused() {
        assertThatThrownBy(() -> new LengthRule.Factory().create(new RuleSettings("p", Map.of("max-length", -1))))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining("p.max-length");
        assertThatThrownBy(() -> new LengthRule.Factory().create(new RuleSettings("p", Map.of("min-length", 3,
                "max-length", 2)))).isInstanceOf(InvalidRulesException.class);
    }

    @Test
    void missingValuesIncludeNullOnlyWhenListed() {
        ColumnRule.ValueRule withNull = (ColumnRule.ValueRule) new MissingValuesRule.Factory().create(
                new RuleSettings("p", Map.of("missing-values", Arrays.asList(null, "", "N/A")))).orElseThrow();
        assertThat(withNull.name()).isEqualTo("missing_values");
        assertThat(withNull.accepts(null)).isFalse();
        assertThat(withNull.accepts("")).isFalse();
        assertThat(withNull.accepts("N/A")).isFalse();
        assertThat(withNull.accepts("n/a")).isTrue();

        ColumnRule.ValueRule withoutNull = (ColumnRule.ValueRule) new MissingValuesRule.Factory().create(
                new RuleSettings("p", Map.of("missing-values", List.of(0)))).orElseThrow();
        assertThat(withoutNull.accepts(null)).isTrue();
        assertThat(withoutNull.accepts(new BigDecimal("0.00"))).isFalse();
    }
}
