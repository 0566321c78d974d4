package io.dqmonitor.tasks;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Background tasks for unit tests in other packages: registered, never started. */
public final class BackgroundTasksFixture {

    private BackgroundTasksFixture() {
    }

    public static BackgroundTasks tasks(MeterRegistry registry, Clock clock) {
        return new BackgroundTasks(new ThreadPoolTaskScheduler(), new TaskMetrics(registry), clock);
    }
}
