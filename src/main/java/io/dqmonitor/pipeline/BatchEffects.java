package io.dqmonitor.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dqmonitor.anomaly.AnomalyMonitor;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.completeness.RowCountLedger;
import io.dqmonitor.history.ViolationLog;
import io.dqmonitor.partitions.CaughtUp;
import io.dqmonitor.partitions.PartitionsMoved;
import io.dqmonitor.partitions.StoredChange;
import io.dqmonitor.recent.RecentChangesStore;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Stores what one batch leaves behind: history rows, recent changes, dead letters, the completeness ledger and the
 * anomaly signals. The last two are stored last, as their offsets say which records they have counted; the three
 * database stores share one transaction. The first three stores do not depend
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
    private final AnomalyMonitor anomalies;
    private final PipelineHealth health;
    private final TransactionOperations transaction;
    private final ApplicationEventPublisher events;
    private final ExecutorService recentWriter = singleThread("dq-recent-writer");

    BatchEffects(ViolationLog history, RecentChangesStore recentChanges, DeadLetterPublisher deadLetters,
            RowCountLedger ledger, AnomalyMonitor anomalies, PipelineHealth health, TransactionOperations transaction,
            ApplicationEventPublisher events) {
        this.transaction = transaction;
        this.events = events;
        this.ledger = ledger;
        this.anomalies = anomalies;
        this.history = history;
        this.recentChanges = recentChanges;
        this.deadLetters = deadLetters;
        this.health = health;
    }

    /** {@code caughtUp} tells which partitions are read to their end, for the heartbeats' closing of minutes. */
    void store(CheckedBatch batch, CaughtUp caughtUp) {
        Future<?> recentWrite = recentWriter.submit(() -> health.store(PipelineHealth.RECENT,
                () -> recentChanges.append(batch.recentChanges())));
        RuntimeException failure = null;
        try {
            // one database transaction for the history, the ledger and the signals: one commit (one WAL flush) per
            // batch instead of three; a commit that fails is the history's stage
            health.store(PipelineHealth.HISTORY, () -> transaction.executeWithoutResult(status -> storeInOrder(batch,
                    caughtUp)));
        } catch (RuntimeException e) {
            failure = e;
            // what the ledger and the signals counted in memory may not have been committed: read them again
            events.publishEvent(new PartitionsMoved(partitions(batch)));
        }
        RuntimeException recentFailure = await(recentWrite);
        if (failure != null || recentFailure != null) {
            throw failure != null ? failure : recentFailure;
        }
        health.batchStored();
    }

    private void storeInOrder(CheckedBatch batch, CaughtUp caughtUp) {
        health.store(PipelineHealth.HISTORY, () -> history.store(batch.historyEntries()));
        health.store(PipelineHealth.DEAD_LETTER, () -> deadLetters.publish(batch.rejections()));
        List<StoredChange> stored = batch.events().stream().map(CheckedBatch.Checked::stored).toList();
        health.store(PipelineHealth.COMPLETENESS, () -> ledger.record(stored));
        health.store(PipelineHealth.ANOMALY, () -> anomalies.record(stored, heartbeats(batch), caughtUp));
    }

    private static Set<TopicPartition> partitions(CheckedBatch batch) {
        Set<TopicPartition> partitions = new HashSet<>();
        batch.events().forEach(c -> partitions.add(c.origin().topicPartition()));
        return partitions;
    }

    private static List<AnomalyMonitor.Heartbeat> heartbeats(CheckedBatch batch) {
        return batch.others().stream().filter(other -> other.parsed() instanceof ParsedRecord.Heartbeat)
                .map(other -> new AnomalyMonitor.Heartbeat(other.topic(),
                        ((ParsedRecord.Heartbeat) other.parsed()).timestamp())).toList();
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

    /** One daemon thread of this name: a stage of the batch path, which must not keep the JVM from stopping. */
    static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        recentWriter.shutdown();
    }
}
