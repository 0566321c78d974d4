package io.dqmonitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class RuleMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RuleMetrics metrics = new RuleMetrics(registry, TableLabelsFixture.of(new MetricsProperties(100)));

    private static TableRules rules(String table, Duration freshness, String column) {
        return new TableRules(table, freshness, List.of(new TableRules.ColumnCheck(column, new NotNullRule())),
                List.of(), null, null);
    }

    @Test
    void aLoadedRuleHasItsViolationCounterAtZeroAndItsBoundInSeconds() {
        metrics.rulesInForce(Map.of("public.t", rules("public.t", Duration.ofMinutes(5), "email")));
        assertThat(registry.scrape())
                .contains("dq_violations_total{column=\"email\",rule=\"not_null\",table=\"public.t\"} 0.0")
                .contains("dq_freshness_threshold_seconds{table=\"public.t\"} 300.0");
    }

    @Test
    void aTableThatLeavesTheRulesLosesItsMeters() {
        metrics.rulesInForce(Map.of("public.t", rules("public.t", Duration.ofMinutes(5), "email")));
        metrics.ruleSkipped("public.t", "no_before_image");
        metrics.rulesInForce(Map.of("public.u", rules("public.u", null, "id")));
        assertThat(registry.scrape()).doesNotContain("public.t").contains("table=\"public.u\"");
    }

    @Test
    void aRuleThatLeavesATableLosesItsCounter() {
        metrics.rulesInForce(Map.of("public.t", rules("public.t", null, "email")));
        metrics.rulesInForce(Map.of("public.t", rules("public.t", null, "name")));
        assertThat(registry.scrape()).doesNotContain("column=\"email\"").contains("column=\"name\"");
    }

    @Test
    void aBoundThatIsDroppedIsRemoved() {
        metrics.rulesInForce(Map.of("public.t", rules("public.t", Duration.ofMinutes(5), "email")));
        metrics.rulesInForce(Map.of("public.t", rules("public.t", null, "email")));
        assertThat(registry.scrape()).doesNotContain("dq_freshness_threshold_seconds{");
    }

    @Test
    void everyMeterHasADescription() {
        metrics.rulesInForce(Map.of("public.t", rules("public.t", Duration.ofMinutes(5), "email")));
        metrics.ruleSkipped("public.t", "no_before_image");
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
