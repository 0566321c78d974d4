package io.dqmonitor.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code backgroundTasks} in {@code /actuator/health}: DOWN while a task's last run failed, with each task's state.
 * It is not part of readiness: a failing check does not stop the pipeline, and the pipeline must not stop for it.
 */
// the health key is the bean name less "HealthIndicator": backgroundTasks
@Component("backgroundTasksHealthIndicator")
class BackgroundTasksHealth implements HealthIndicator {

    private final BackgroundTasks tasks;

    BackgroundTasksHealth(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Health health() {
        Map<String, TaskState> states = tasks.states();
        Health.Builder health = states.values().stream().anyMatch(TaskState::failing) ? Health.down() : Health.up();
        states.forEach((name, state) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            // null before a task's first run (or first success), not the text "null"
            details.put("lastRun", state.lastRun() == null ? null : state.lastRun().toString());
            details.put("lastSuccess", state.lastSuccess() == null ? null : state.lastSuccess().toString());
            details.put("consecutiveFailures", state.consecutiveFailures());
            if (state.lastError() != null) {
                details.put("lastError", state.lastError());
            }
            health.withDetail(name, details);
        });
        return health.build();
    }
}
