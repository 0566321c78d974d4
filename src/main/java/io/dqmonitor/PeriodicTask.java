package io.dqmonitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task run on its own thread with a fixed delay between runs, for the lifecycles of background checks. */
public final class PeriodicTask {

    private final String name;
    private ScheduledExecutorService scheduler;

    public PeriodicTask(String name) {
        this.name = name;
    }

    public synchronized void start(Runnable task, Duration initialDelay, Duration delay) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
            scheduler.scheduleWithFixedDelay(task, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
