package io.dqmonitor.cdc;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles one polled batch of change-event records. It returns only once every effect of the batch is stored, and
 * throws if any could not be, so that the listener commits offsets only for handled batches.
 */
public interface ChangeRecordHandler {

    void handle(List<ConsumerRecord<byte[], byte[]>> records);
}
