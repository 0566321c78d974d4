package io.dqmonitor.formats;

/**
 * A schema registry that did not answer, answered with a server error or refused the credentials: nothing is wrong
 * with the record, and the batch is retried until the registry answers (readiness names the {@code registry} stage).
 */
public class RegistryUnavailableException extends RuntimeException {

    RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
