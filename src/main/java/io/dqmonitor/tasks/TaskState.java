package io.dqmonitor.tasks;

import java.time.Instant;

/**
 * What a background task did last.
 *
 * @param lastRun             when its last run started, or null before the first
 * @param lastSuccess         when its last successful run started, or null
 * @param consecutiveFailures failed runs since the last successful one
 * @param lastError           the error of the last run, or null when it succeeded
 */
record TaskState(Instant lastRun, Instant lastSuccess, int consecutiveFailures, String lastError) {

    static final TaskState NEVER_RUN = new TaskState(null, null, 0, null);

    TaskState succeeded(Instant at) {
        return new TaskState(at, at, 0, null);
    }

    TaskState failed(Instant at, String error) {
        return new TaskState(at, lastSuccess, consecutiveFailures + 1, error);
    }

    boolean failing() {
        return consecutiveFailures > 0;
    }
}
