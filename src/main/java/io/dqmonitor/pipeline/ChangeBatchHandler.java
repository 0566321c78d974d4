package io.dqmonitor.pipeline;

import java.nio.ByteBuffer;
import java.util.List;

import io.dqmonitor.partitions.CaughtUp;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * One batch on the consumer thread, start to end: check every record ({@link RecordChecker}), then store and count
 * what the batch leaves behind ({@link BatchStorage}). A failure throws, and the offsets are not committed.
 * <p>
 * How a failure is handled is decided by {@link FailureModel}, and every failure reaches spring-kafka's error
 * handler as a {@link BatchListenerFailedException} naming a record. A transient one names the batch's first record,
 * which the error handler retries, with the batch behind it, with back-off. A failure permanent for some record
 * makes the handler go through the batch one record at a time: the records before the bad one are stored, and the
 * bad one is named, so that the error handler commits the records before it, dead-letters it and goes on.
 */
@Component
class ChangeBatchHandler {

    private final RecordChecker checker;
    private final BatchStorage storage;

    ChangeBatchHandler(RecordChecker checker, BatchStorage storage) {
        this.checker = checker;
        this.storage = storage;
    }

    void handle(List<ConsumerRecord<byte[], ByteBuffer>> records, CaughtUp caughtUp) {
        try {
            handleTogether(records, caughtUp);
        } catch (RuntimeException | Error e) {
            // an Error escaping to the container would stop it for good: it is one record's, found one by one below
            if (!FailureModel.isPermanentForRecord(FailureModel.contained(e))) {
                // named at the first record: the error handler retries from there with back-off. A failure named at no
                // record would go to its whole-batch fallback, whose recoverer would dead-letter every record
                throw new BatchListenerFailedException(e.getMessage(), e, 0);
            }
            handleOneByOne(records);
        }
    }

    private void handleOneByOne(List<ConsumerRecord<byte[], ByteBuffer>> records) {
        for (int i = 0; i < records.size(); i++) {
            try {
                // the read positions are past the whole batch, not this record: no heartbeat applies yet
                handleTogether(records.subList(i, i + 1), CaughtUp.UNKNOWN);
            } catch (RuntimeException | Error e) {
                RuntimeException cause = FailureModel.isPermanentForRecord(FailureModel.contained(e))
                        ? new UnprocessableRecordException(records.get(i), e) : (RuntimeException) e;
                // records before i are stored and counted: the error handler commits them and starts at i
                throw new BatchListenerFailedException(cause.getMessage(), cause, i);
            }
        }
    }

    private void handleTogether(List<ConsumerRecord<byte[], ByteBuffer>> records, CaughtUp caughtUp) {
        storage.store(checker.check(records), caughtUp);
    }
}
