package io.dqmonitor.partitions;

/**
 * Another instance stored a partition's state past the version this one counted from: the batch must be counted again
 * from the stored version.
 */
public final class MovedOnException extends RuntimeException {

    public MovedOnException(String what, PartitionKey key) {
        super(what + " of " + key + " was stored by another instance since it was read; the batch is counted again");
    }
}
