package io.dqmonitor.integrity;

import java.util.HashMap;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import org.springframework.stereotype.Component;

/**
 * What the stream itself says about the pipeline, from changes whose effects are stored: values the connector could
 * not read, snapshots started again after streaming, and positions going backwards. Called once per stored change,
 * from one thread at a time (the store thread or the consumer thread); a change read again after a failed store is
 * recognised by its offset, so nothing is counted twice.
 */
@Component
public class StreamIntegrity {

    private final IntegrityMetrics metrics;
    private final SnapshotWatch snapshots;
    private final int redeliveryWindow;
    private final Map<String, PartitionOrder> partitions = new HashMap<>();

    StreamIntegrity(IntegrityMetrics metrics, IntegrityProperties properties) {
        this.metrics = metrics;
        this.snapshots = new SnapshotWatch(metrics);
        this.redeliveryWindow = properties.redeliveryWindow();
    }

    /**
     * One stored change.
     *
     * @param connector  the connector, as the topic names it (its {@code topic.prefix})
     * @param offset     where the change is in its Kafka partition
     * @param identity   the change's identity ({@code SourcePosition.fingerprint()}), the same for each delivery of it
     *                   within this process
     */
    public synchronized void observe(String connector, String topic, int partition, long offset, ChangeEvent event,
            long identity) {
        PartitionOrder order = partitions.computeIfAbsent(topic + '\u0000' + partition,
                p -> new PartitionOrder(redeliveryWindow));
        if (!order.isNew(offset)) {
            // read before: a retry of a failed store, or the batch before a crash
            return;
        }
        metrics.connectorSeen(connector);
        event.unavailable().forEach(column -> metrics.unavailable(event.table(), column));
        snapshots.observe(connector, offset, event);
        if (order.regresses(event.capture(), identity)) {
            metrics.regression(connector);
        }
    }
}
