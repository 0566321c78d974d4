package io.dqmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AccessMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AccessMetrics metrics = new AccessMetrics(registry);

    @Test
    void everyReasonStartsAtZeroWithADescription() {
        assertThat(registry.find("dq.access.denied").counters()).hasSize(AccessMetrics.Reason.values().length)
                .allSatisfy(counter -> {
                    assertThat(counter.count()).isZero();
                    assertThat(counter.getId().getDescription()).isNotBlank();
                });
    }

    @Test
    void aRefusalCountsUnderItsReason() {
        metrics.denied(AccessMetrics.Reason.BAD_CREDENTIALS);

        Counter counter = registry.get("dq.access.denied").tag("reason", "bad_credentials").counter();
        assertThat(counter.count()).isEqualTo(1);
    }
}
