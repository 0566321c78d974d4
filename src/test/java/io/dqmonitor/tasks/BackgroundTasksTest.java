package io.dqmonitor.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class BackgroundTasksTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final BackgroundTasks tasks;
    private final BackgroundTasksHealth health;

    BackgroundTasksTest() {
        scheduler.initialize();
        tasks = new BackgroundTasks(scheduler, new TaskMetrics(registry), Clock.systemUTC());
        health = new BackgroundTasksHealth(tasks);
    }

    @AfterEach
    void stop() {
        tasks.stop();
        scheduler.shutdown();
    }

    @Test
    void aTaskThatThrowsRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        tasks.register("flaky", Duration.ZERO, Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        tasks.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    }

    @Test
    void aTaskThatThrowsAnErrorRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        tasks.register("broken", Duration.ZERO, Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            throw new NoClassDefFoundError("gone");
        });
        tasks.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    }

    @Test
    void aTaskThatOverflowsItsStackOrRunsOutOfMemoryRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        tasks.register("deep", Duration.ZERO, Duration.ofMillis(10), () -> {
            throw runs.incrementAndGet() % 2 == 0 ? new StackOverflowError() : new OutOfMemoryError("one big array");
        });
        tasks.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        assertThat(registry.get("dq.background.task.failures").tag("task", "deep").counter().count()).isPositive();
    }

    @Test
    void aFailedRunIsCounted() {
        tasks.register("flaky", Duration.ZERO, Duration.ofHours(1), () -> {
            throw new IllegalStateException("boom");
        });
        tasks.run("flaky", () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(registry.get("dq.background.task.failures").tag("task", "flaky").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailedRunShowsInHealthWithItsError() {
        tasks.register("flaky", Duration.ZERO, Duration.ofHours(1), () -> { });
        tasks.run("flaky", () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("flaky").toString())
                .contains("IllegalStateException: boom").contains("consecutiveFailures=1");
    }

    @Test
    void aSuccessfulRunClearsTheFailure() {
        tasks.register("flaky", Duration.ZERO, Duration.ofHours(1), () -> { });
        tasks.run("flaky", () -> {
            throw new IllegalStateException("boom");
        });
        tasks.run("flaky", () -> { });
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aTaskThatHasNotRunShowsNoTimes() {
        tasks.register("quiet", Duration.ZERO, Duration.ofHours(1), () -> { });
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> quiet = (java.util.Map<String, Object>) health.health().getDetails().get("quiet");
        assertThat(quiet)
                .containsEntry("lastRun", null).containsEntry("lastSuccess", null).containsEntry("consecutiveFailures", 0);
    }

    @Test
    void everyTaskCounterStartsAtZero() {
        tasks.register("quiet", Duration.ZERO, Duration.ofHours(1), () -> { });
        assertThat(registry.get("dq.background.task.failures").tag("task", "quiet").counter().count()).isZero();
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
    }
}
