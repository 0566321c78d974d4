package io.dqmonitor.pipeline;

import java.util.List;

import io.dqmonitor.anomaly.CaughtUp;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives batches of Debezium records: Kafka things only. Offsets are committed by the container after this method
 * returns (ack mode BATCH); when the handler throws, the error handler ({@link PipelineConfiguration}) decides.
 */
@Component
class CdcListener {

    private final ChangeBatchHandler handler;

    CdcListener(ChangeBatchHandler handler) {
        this.handler = handler;
    }

    // the group is spring.kafka.consumer.group-id, not the listener id
    @KafkaListener(id = "dq-monitor-cdc", idIsGroup = false, topicPattern = "#{@cdcTopicPattern}", batch = "true")
    void onBatch(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        handler.handle(records, caughtUp(consumer));
    }

    /**
     * Lag as of the last fetch, known without a call to the broker. A partition this consumer no longer holds (a
     * rebalance gave it to another instance) is not this instance's to wait for; asking its lag would throw.
     */
    static CaughtUp caughtUp(Consumer<?, ?> consumer) {
        return (topic, partition) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            return !consumer.assignment().contains(tp) || consumer.currentLag(tp).orElse(-1) == 0;
        };
    }
}
