package io.dqmonitor.integrity;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.micrometer.core.instrument.MeterRegistry;

/** The stream's integrity checks, for tests of the packages that feed them. */
public final class IntegrityFixtures {

    private IntegrityFixtures() {
    }

    public static StreamIntegrity integrity(MeterRegistry registry) {
        IntegrityProperties properties = new IntegrityProperties(4096, 100);
        return new StreamIntegrity(new IntegrityMetrics(registry, TableLabelsFixture.of(new MetricsProperties(100)),
                properties), properties);
    }
}
