package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Receives batches of Debezium records: Kafka things only. Offsets are committed by the container once a batch is
 * acknowledged (ack mode MANUAL), which {@link StoreAhead} does when its effects are stored; when handling throws,
 * the error handler ({@link PipelineConfiguration}) decides.
 */
@Component
class CdcListener {

    private final StoreAhead stages;

    CdcListener(StoreAhead stages) {
        this.stages = stages;
    }

    // the group is spring.kafka.consumer.group-id, not the listener id
    @KafkaListener(id = ConsumerHealth.LISTENER_ID, idIsGroup = false, topicPattern = "#{@cdcTopicPattern}",
            batch = "true")
    void onBatch(List<ConsumerRecord<byte[], ByteBuffer>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
        stages.onBatch(records, ack, consumer);
    }

    /**
     * Nothing arrived for a while (spring.kafka.listener.idle-event-interval): the batch being stored is acknowledged
     * now rather than with the next one. Published on the consumer thread, which alone may use the consumer.
     */
    @EventListener
    void onIdle(ListenerContainerIdleEvent idle) {
        stages.settle(idle.getConsumer());
    }

    /** Partitions about to be revoked or lost: the batch being stored is settled before they go. */
    @EventListener
    void onLeaving(PartitionOwnership.Leaving leaving) {
        stages.leaving(leaving.consumer(), leaving.partitions(), leaving.lost());
    }
}
