package io.dqmonitor.pipeline;

import java.util.List;

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
        // lag as of the last fetch, known without a call to the broker
        handler.handle(records, (topic, partition) ->
                consumer.currentLag(new TopicPartition(topic, partition)).orElse(-1) == 0);
    }
}
