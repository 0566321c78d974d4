package io.dqmonitor.pipeline;

import java.sql.SQLException;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import tools.jackson.core.JacksonException;

/**
 * The one place that decides what a failure means (docs/reliability.md, "Failure model"). A failure is either
 * <em>permanent for one record</em>: that record's data can never be stored or checked (a value PostgreSQL rejects as
 * data, a value too large for an index, a value that cannot be serialised); the record goes to the dead-letter topic
 * once and the partition moves on. Or it is <em>transient</em>: everything else (a store that is down, refuses
 * connections, times out, is read-only, lacks a table or a grant), which an operator or time can mend; the batch is
 * retried with back-off, readiness is DOWN and {@code dq_batch_failures_total} counts each attempt.
 * <p>
 * When in doubt a failure is transient: retrying visibly is recoverable, dead-lettering good records is not.
 */
final class FailureModel {

    private FailureModel() {
    }

    static boolean isPermanentForRecord(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataRetrievalFailureException) {
                // dq-monitor's own state that cannot be read (OwnState): the store's failure, whatever its cause
                return false;
            }
            // an Error handling a record (a deep value overflowing a serializer's stack, an allocation too large for
            // the JVM) comes back with the same record: see contained(), which keeps the JVM's own death out
            if (cause instanceof Error || cause instanceof UnprocessableRecordException
                    || cause instanceof DataIntegrityViolationException
                    || cause instanceof JacksonException || cause instanceof RecordTooLargeException
                    || cause instanceof SerializationException) {
                return true;
            }
            if (cause instanceof SQLException sql && isDataError(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code failure} itself, when handling a record may contain it as that record's outcome: every exception, and
     * every {@link Error} but the JVM's own death ({@link InternalError}, {@link UnknownError}), which is rethrown. A
     * {@link StackOverflowError} or an {@link OutOfMemoryError} from one record's oversized allocation is that
     * record's; a heap that is really exhausted ends the process first where {@code -XX:+ExitOnOutOfMemoryError}
     * is set, as in the image.
     */
    static Throwable contained(Throwable failure) {
        if (failure instanceof InternalError || failure instanceof UnknownError) {
            throw (Error) failure;
        }
        return failure;
    }

    /** The first exception of the given type in the cause chain of {@code failure}, itself included, or null. */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * SQLSTATE class 22 (data exception: a NUL byte, a bad encoding, a value out of range), class 23 (integrity
     * constraint) and 54000 (program limit exceeded: an index row too large) are about the values written, not the
     * server's state; writing the same values again fails the same way.
     */
    private static boolean isDataError(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.equals("54000"));
    }
}
