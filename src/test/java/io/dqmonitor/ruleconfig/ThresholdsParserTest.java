package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.Threshold;
import org.junit.jupiter.api.Test;

class ThresholdsParserTest {

    @Test
    void aThresholdHasItsRuleItsBoundAndDefaultsForTheRest() {
        Threshold threshold = parse("""
                - name: email-nulls
                  column: email
                  rule: { not-null: true }
                  max-percent: 5
                """);

        assertThat(threshold.rule().name()).isEqualTo("not_null");
        assertThat(threshold.percent()).isEqualTo(5.0);
        assertThat(threshold.inclusive()).isTrue();
        assertThat(threshold.maxCount()).isNull();
        assertThat(threshold.window()).isEqualTo(Duration.ofHours(1));
        assertThat(threshold.minChanges()).isEqualTo(100);
        assertThat(threshold.clause()).isNull();
    }

    @Test
    void aCountOrAStrictPercentageAndAWindowOfItsOwn() {
        Threshold count = parse("- {name: n, column: c, rule: {pattern: '^a'}, max-count: 0, window: 10m}");
        Threshold strict = parse("- {name: n, column: c, rule: {allowed-values: [a]}, below-percent: 2.5, "
                + "min-changes: 10}");

        assertThat(count.maxCount()).isZero();
        assertThat(count.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(strict.percent()).isEqualTo(2.5);
        assertThat(strict.inclusive()).isFalse();
        assertThat(strict.minChanges()).isEqualTo(10);
    }

    @Test
    void mistakesNameTheirKey() {
        refused("- {name: n, column: c, rule: {not-null: true}}", "thresholds[0]", "exactly one of");
        refused("- {name: n, column: c, rule: {not-null: true}, max-count: 1, max-percent: 1}", "thresholds[0]",
                "exactly one of");
        refused("- {name: n, column: c, rule: {not-null: true}, max-percent: 101}", "thresholds[0].max-percent",
                "percentage");
        refused("- {name: n, column: c, rule: {not-null: true}, below-percent: 0}", "thresholds[0].below-percent",
                "above 0");
        refused("- {name: n, column: c, rule: {not-null: true}, max-count: -1}", "thresholds[0].max-count",
                "at least 0");
        refused("- {name: n, column: c, rule: {not-null: true}, max-count: 1, min-changes: 5}",
                "thresholds[0].min-changes", "percentage");
        refused("- {name: n, column: c, rule: {not-nul: true}, max-count: 1}", "thresholds[0].rule.not-nul",
                "unknown rule");
        refused("- {name: n, column: c, rule: {immutable: true}, max-count: 1}", "thresholds[0].rule",
                "rule on a value");
        refused("- {name: n, column: c, rule: {not-null: true, pattern: a}, max-count: 1}", "thresholds[0].rule",
                "one rule");
        refused("- {name: n, column: c, rule: {not-null: true}, max-count: 1, window: 1500ms}",
                "thresholds[0].window", "whole number of seconds");
        refused("- {name: n, column: c, rule: {not-null: true}, max-count: 1, every: 1h}", "thresholds[0].every",
                "unknown setting");
        refused("- {column: c, rule: {not-null: true}, max-count: 1}", "thresholds[0].name", "required");
        refused("""
                - {name: n, column: c, rule: {not-null: true}, max-count: 1}
                - {name: n, column: d, rule: {not-null: true}, max-count: 1}
                """, "thresholds[1].name", "taken");
    }

    private static Threshold parse(String thresholds) {
        return RulesFixture.rules(table(thresholds)).get("public.t").thresholds().get(0);
    }

    private static void refused(String thresholds, String key, String why) {
        assertThatThrownBy(() -> RulesFixture.rules(table(thresholds))).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.tables.public.t." + key).hasMessageContaining(why);
    }

    private static String table(String thresholds) {
        return "dq.tables.public.t.thresholds:\n" + thresholds.stripIndent().lines().map(line -> "  " + line)
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
