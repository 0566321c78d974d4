package io.dqmonitor.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record whose effects can never be stored or checked ({@link FailureModel#isPermanentForRecord}). Thrown, as the
 * cause of spring-kafka's {@code BatchListenerFailedException}, so that the error handler commits the records before
 * it, dead-letters this one without retrying it, and goes on with the rest.
 */
final class UnprocessableRecordException extends RuntimeException {

    UnprocessableRecordException(ConsumerRecord<?, ?> record, Throwable cause) {
        super("record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " cannot be processed: "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
