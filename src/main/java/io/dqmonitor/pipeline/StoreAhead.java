package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import io.dqmonitor.partitions.CaughtUp;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Checks a batch on the consumer thread while the batch before it is stored on the store thread
 * ({@link BatchStorage}), and acknowledges a batch only once its effects are stored: its offsets are committed by the container (ack mode MANUAL) after that, in
 * order, on the consumer thread. At most one batch is being stored at a time.
 * <p>
 * A batch is stored on the consumer thread instead ({@link ChangeBatchHandler}, whose
 * failures reach spring-kafka's error handler with its back-off and dead-lettering), when nothing more is waiting in
 * Kafka (there is no next batch to check meanwhile, and no batch should wait for one to be acknowledged), and after a
 * failure of the store thread until a batch has been stored again. When a batch fails on the store thread, the consumer
 * is sought back to its first records and the batch checked meanwhile is dropped: both are read again, and handled on
 * the consumer thread. Every effect is idempotent, so a batch read again is stored once.
 * <p>
 * The batch being stored is settled (waited for, then acknowledged or sought back) before anything else touches the
 * consumer's positions: before the next batch is handled, before partitions are revoked or lost, and when the
 * container has been idle for a while.
 */
@Component
class StoreAhead implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreAhead.class);

    /** The batch on the store thread: what it stores, where it starts, and its acknowledgment. */
    private record InFlight(CompletableFuture<Void> stored, Map<TopicPartition, Long> firstOffsets,
            Acknowledgment ack) {
    }

    private final ChangeBatchHandler handler;
    private final RecordChecker checker;
    private final BatchStorage storage;
    private final ExecutorService storeThread = BatchEffects.singleThread("dq-store");
    // both only ever touched on the consumer thread
    private InFlight inFlight;
    private boolean onConsumerThread;

    StoreAhead(ChangeBatchHandler handler, RecordChecker checker, BatchStorage storage) {
        this.handler = handler;
        this.checker = checker;
        this.storage = storage;
    }

    /** One batch, on the consumer thread; returns once it is checked, with its storing under way or done. */
    void onBatch(List<ConsumerRecord<byte[], ByteBuffer>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> lags = lags(consumer);
        CaughtUp caughtUp = caughtUp(lags);
        Map<TopicPartition, Long> firstOffsets = firstOffsets(records);
        if (onConsumerThread || lags.values().stream().noneMatch(lag -> lag > 0)) {
            if (settle(consumer, Set.of(), true, firstOffsets)) {
                onConsumerThread = true;
                // throws to the error handler, which retries with back-off, still on this thread
                handler.handle(records, caughtUp);
                ack.acknowledge();
                onConsumerThread = false;
            }
            return;
        }
        CheckedBatch batch;
        try {
            batch = checker.check(records);
        } catch (RuntimeException e) {
            // a failure of checking (the shared state out of reach, say): the consumer thread's path decides
            onConsumerThread = true;
            onBatch(records, ack, consumer);
            return;
        }
        if (settle(consumer, Set.of(), true, firstOffsets)) {
            inFlight = new InFlight(CompletableFuture.runAsync(() -> storage.store(batch, caughtUp), storeThread),
                    firstOffsets, ack);
        }
    }

    /** The container was idle for a while: the batch being stored is settled now, not with the next one. */
    void settle(Consumer<?, ?> consumer) {
        settle(consumer, Set.of(), true, Map.of());
    }

    /**
     * Partitions are about to be revoked (the container commits what is acknowledged right after) or have been lost
     * (nothing can be committed for them any more, and the batch is not acknowledged: a later batch's commit covers
     * the partitions this consumer keeps).
     */
    void leaving(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean lost) {
        settle(consumer, partitions, !lost, Map.of());
    }

    /**
     * Waits for the batch being stored, if any. Stored, it is acknowledged, and true is returned. Failed, the consumer
     * is sought back to its first records, and to those of {@code polled} (records read since, to be read again too)
     * where it did not reach, on the partitions it keeps ({@code leaving} are being revoked: their next holder starts
     * from the last commit); the next batches are handled on the consumer thread.
     */
    private boolean settle(Consumer<?, ?> consumer, Collection<TopicPartition> leaving, boolean acknowledge,
            Map<TopicPartition, Long> polled) {
        InFlight settling = inFlight;
        if (settling == null) {
            return true;
        }
        inFlight = null;
        try {
            settling.stored().get();
            if (acknowledge) {
                settling.ack().acknowledge();
            }
            return true;
        } catch (ExecutionException e) {
            log.warn("Storing a batch failed; reading it again from {} on the consumer thread: {}",
                    settling.firstOffsets(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while a batch was stored; reading it again from {}", settling.firstOffsets());
        }
        Map<TopicPartition, Long> back = new HashMap<>(polled);
        back.putAll(settling.firstOffsets());
        Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
        kept.removeAll(leaving);
        back.forEach((partition, offset) -> {
            if (kept.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        onConsumerThread = true;
        return false;
    }

    /**
     * The lag of each partition this consumer holds as of the last fetch, -1 where not known yet, taken on the consumer
     * thread (the consumer is not to be used from the store thread). A lag above 0 somewhere means the next batch comes
     * at once.
     */
    static Map<TopicPartition, Long> lags(Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> lags = new HashMap<>();
        consumer.assignment().forEach(tp -> lags.put(tp, consumer.currentLag(tp).orElse(-1)));
        return lags;
    }

    /** Which partitions are read to their end. A partition this consumer does not hold is not its to wait for. */
    static CaughtUp caughtUp(Map<TopicPartition, Long> lags) {
        return (topic, partition) -> lags.getOrDefault(new TopicPartition(topic, partition), 0L) == 0;
    }

    private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<byte[], ByteBuffer>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        records.forEach(r -> first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset()));
        return first;
    }

    @Override
    public void destroy() {
        storeThread.shutdown();
    }
}
