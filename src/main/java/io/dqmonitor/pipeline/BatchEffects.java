package io.dqmonitor.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dqmonitor.completeness.RowCountLedger;
import io.dqmonitor.history.ViolationLog;
import io.dqmonitor.recent.RecentChangesStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Stores what one batch leaves behind: history rows, recent changes, dead letters and the completeness ledger. The
 * ledger is stored last, as its offsets say which records it has counted. The first three stores do not depend
 * on each other and each is idempotent, so the Redis write runs beside the database and Kafka writes instead of after
 * them: a batch waits for the slowest store, not for the sum of all three. It returns only when all three have
 * succeeded, and throws the first failure once none is still running, so a retried batch never overlaps itself.
 */
@Component
class BatchEffects implements DisposableBean {

    private final ViolationLog history;
    private final RecentChangesStore recentChanges;
    private final DeadLetterPublisher deadLetters;
    private final RowCountLedger ledger;
    private final PipelineHealth health;
    private final ExecutorService recentWriter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dq-recent-writer");
        thread.setDaemon(true);
        return thread;
    });

    BatchEffects(ViolationLog history, RecentChangesStore recentChanges, DeadLetterPublisher deadLetters,
            RowCountLedger ledger, PipelineHealth health) {
        this.ledger = ledger;
        this.history = history;
        this.recentChanges = recentChanges;
        this.deadLetters = deadLetters;
        this.health = health;
    }

    void store(CheckedBatch batch) {
        Future<?> recentWrite = recentWriter.submit(() -> health.store(PipelineHealth.RECENT,
                () -> recentChanges.append(batch.recentChanges())));
        RuntimeException failure = null;
        try {
            health.store(PipelineHealth.HISTORY, () -> history.store(batch.historyEntries()));
            health.store(PipelineHealth.DEAD_LETTER, () -> deadLetters.publish(batch.rejections()));
            health.store(PipelineHealth.COMPLETENESS, () -> ledger.record(batch.events().stream()
                    .map(c -> new RowCountLedger.Counted(c.event(), c.record().topic(), c.record().partition(),
                            c.record().offset())).toList()));
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException recentFailure = await(recentWrite);
        if (failure != null || recentFailure != null) {
            throw failure != null ? failure : recentFailure;
        }
        health.batchStored();
    }

    private static RuntimeException await(Future<?> write) {
        try {
            write.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("storing the recent changes failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while the recent changes were being stored", e);
        }
    }

    @Override
    public void destroy() {
        recentWriter.shutdown();
    }
}
