package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ReloadMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ReloadMetrics metrics = new ReloadMetrics(registry);

    @Test
    void failuresStartAtZero() {
        assertThat(registry.scrape()).contains("dq_rules_reload_failures_total 0.0");
    }

    @Test
    void aFailedReloadIsCounted() {
        metrics.reloadFailed();
        assertThat(registry.scrape()).contains("dq_rules_reload_failures_total 1.0");
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
