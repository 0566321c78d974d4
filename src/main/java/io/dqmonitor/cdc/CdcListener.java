package io.dqmonitor.cdc;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives batches of Debezium records. Offsets are committed by the container after this method returns
 * (ack mode BATCH); when the handler throws, the error handler retries the same batch with back-off.
 */
@Component
class CdcListener {

    private final ChangeRecordHandler handler;

    CdcListener(ChangeRecordHandler handler) {
        this.handler = handler;
    }

    // the group is spring.kafka.consumer.group-id, not the listener id
    @KafkaListener(id = "dq-monitor-cdc", idIsGroup = false, topicPattern = "#{@cdcTopicPattern}", batch = "true")
    void onBatch(List<ConsumerRecord<byte[], byte[]>> records) {
        handler.handle(records);
    }
}
