package io.dqmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class SchemaMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SchemaMetrics metrics = new SchemaMetrics(registry, TableLabelsFixture.of(new MetricsProperties(1)));

    @Test
    void aTableSeenHasEverySchemaChangeAtZero() {
        metrics.tableSeen("public.t");
        assertThat(registry.scrape()).contains("dq_schema_changes_total{change=\"type_changed\",table=\"public.t\"} 0.0");
    }

    @Test
    void changesAreCountedByTableAndChange() {
        metrics.schemaChange("public.t", "added");
        assertThat(registry.scrape()).contains("dq_schema_changes_total{change=\"added\",table=\"public.t\"} 1.0");
    }

    @Test
    void tablesBeyondTheLimitShareTheOverflowLabel() {
        metrics.schemaChange("public.t", "added");
        metrics.schemaChange("public.u", "added");
        assertThat(registry.scrape()).contains("dq_schema_changes_total{change=\"added\",table=\"_other\"} 1.0");
    }

    @Test
    void departuresFromAContractHaveTheirOwnCounterStartingAtZero() {
        metrics.contractDeclared("public.t");
        metrics.schemaChange("public.t", "undeclared");
        assertThat(registry.scrape())
                .contains("dq_contract_schema_violations_total{kind=\"missing\",table=\"public.t\"} 0.0")
                .contains("dq_contract_schema_violations_total{kind=\"undeclared\",table=\"public.t\"} 1.0")
                .doesNotContain("dq_schema_changes_total{change=\"undeclared\"");
    }

    @Test
    void theCounterHasADescription() {
        metrics.tableSeen("public.t");
        metrics.contractDeclared("public.t");
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
