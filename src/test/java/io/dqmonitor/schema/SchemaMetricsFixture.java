package io.dqmonitor.schema;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.core.instrument.MeterRegistry;

/** The schema-drift meters for unit tests in other packages. */
public final class SchemaMetricsFixture {

    private SchemaMetricsFixture() {
    }

    public static SchemaMetrics of(MeterRegistry registry) {
        return new SchemaMetrics(registry, TableLabelsFixture.of(new MetricsProperties(100)));
    }
}
