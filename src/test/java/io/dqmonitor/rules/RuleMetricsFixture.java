package io.dqmonitor.rules;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.core.instrument.MeterRegistry;

/** The rules' meters for unit tests in other packages. */
public final class RuleMetricsFixture {

    private RuleMetricsFixture() {
    }

    public static RuleMetrics of(MeterRegistry registry) {
        return new RuleMetrics(registry, TableLabelsFixture.of(new MetricsProperties(100)));
    }
}
