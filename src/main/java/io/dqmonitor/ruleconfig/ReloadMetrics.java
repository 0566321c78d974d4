package io.dqmonitor.ruleconfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code dq_rules_reload_failures_total}: rule files that changed but could not be taken into force. */
@Component
class ReloadMetrics {

    private final Counter failures;

    ReloadMetrics(MeterRegistry registry) {
        failures = Counter.builder("dq.rules.reload.failures")
                .description("Rule files that changed but could not be used; the previous rules stay in force")
                .register(registry);
    }

    void reloadFailed() {
        failures.increment();
    }
}
