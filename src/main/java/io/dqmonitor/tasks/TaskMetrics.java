package io.dqmonitor.tasks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The meters of the background tasks; {@code task} takes the registered task names only. */
@Component
class TaskMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registered with its task, so that it starts at zero. */
    Counter failures(String task) {
        return failures.computeIfAbsent(task, t -> Counter.builder("dq.background.task.failures")
                .description("Runs of a background task (rule reload, completeness) that failed; the task runs again as planned")
                .tag("task", t).register(registry));
    }
}
