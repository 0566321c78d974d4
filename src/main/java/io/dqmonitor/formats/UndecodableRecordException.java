package io.dqmonitor.formats;

/** A record whose frame, schema or bytes cannot be decoded however often it is tried: it is dead-lettered once. */
final class UndecodableRecordException extends RuntimeException {

    UndecodableRecordException(String message) {
        super(message);
    }

    UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
