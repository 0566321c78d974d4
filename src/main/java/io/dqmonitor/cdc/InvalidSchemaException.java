package io.dqmonitor.cdc;

/**
 * A record's Connect schema block contradicts itself (a decimal whose {@code scale} is not a whole number, a field
 * list that is not a list): the record cannot be decoded, however often it is read.
 */
final class InvalidSchemaException extends RuntimeException {

    InvalidSchemaException(String message) {
        super(message);
    }
}
