package io.dqmonitor.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every periodic task of dq-monitor (rule reload, completeness, ...) runs here, on Spring's scheduler, with a fixed
 * delay between runs. A run that throws, whatever it throws (a {@link StackOverflowError} or an
 * {@link OutOfMemoryError} included; only {@link InternalError} and {@link UnknownError}, the JVM's own death, go
 * through), is logged, counted in {@code dq_background_task_failures_total{task}} and shown in the
 * {@code backgroundTasks} health; the next run comes as planned. Tasks are registered while the context starts and
 * run from its start to its stop.
 */
@Component
public class BackgroundTasks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);

    private record Registration(String name, Duration initialDelay, Duration delay, Runnable work) {
    }

    private final TaskScheduler scheduler;
    private final TaskMetrics metrics;
    private final Clock clock;
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, TaskState> states = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> running = new ArrayList<>();

    BackgroundTasks(TaskScheduler scheduler, TaskMetrics metrics, Clock clock) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs {@code work} every {@code delay} (after {@code initialDelay}) once the application has started. */
    public synchronized void register(String name, Duration initialDelay, Duration delay, Runnable work) {
        if (states.putIfAbsent(name, TaskState.NEVER_RUN) != null) {
            throw new IllegalStateException("a background task named " + name + " is already registered");
        }
        metrics.failures(name);
        registrations.add(new Registration(name, initialDelay, delay, work));
    }

    /** One run of a task, as the scheduler calls it: never throws. */
    void run(String name, Runnable work) {
        Instant started = clock.instant();
        try {
            work.run();
            states.put(name, states.get(name).succeeded(started));
        } catch (RuntimeException | Error e) {
            // a run that throws is never run again by the scheduler: only the JVM's own death goes through
            if (e instanceof InternalError || e instanceof UnknownError) {
                throw e;
            }
            metrics.failures(name).increment();
            states.put(name, states.get(name).failed(started, e.getClass().getSimpleName() + ": " + e.getMessage()));
            log.error("Background task {} failed; it runs again as planned", name, e);
        }
    }

    /** Each task's state, by name. */
    Map<String, TaskState> states() {
        return new TreeMap<>(states);
    }

    @Override
    public synchronized void start() {
        for (Registration r : registrations) {
            running.add(scheduler.scheduleWithFixedDelay(() -> run(r.name(), r.work()),
                    clock.instant().plus(r.initialDelay()), r.delay()));
        }
    }

    @Override
    public synchronized void stop() {
        running.forEach(future -> future.cancel(true));
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }
}
