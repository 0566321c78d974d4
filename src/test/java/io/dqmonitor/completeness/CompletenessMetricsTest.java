package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class CompletenessMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CompletenessMetrics metrics = new CompletenessMetrics(registry);

    @Test
    void driftIsAGaugeByTable() {
        metrics.drift("public.t", -3);
        assertThat(registry.scrape()).contains("dq_cdc_row_count_drift{table=\"public.t\"} -3.0");
    }

    @Test
    void aTableNoLongerCheckedLosesItsGauge() {
        metrics.drift("public.t", 1);
        metrics.drift("public.u", 0);
        metrics.retain(Set.of("public.u"));
        assertThat(registry.scrape()).doesNotContain("public.t").contains("public.u");
    }

    @Test
    void theGaugeHasADescription() {
        metrics.drift("public.t", 0);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
