package io.dqmonitor.partitions;

/**
 * What one instance counted of a table's changes in one partition, up to an offset. It is stored with that offset,
 * and only over the version it was read as ({@link OffsetFence}), so each record counts once whoever reads it.
 */
public interface PartitionState {

    PartitionKey key();

    /** The next offset as last stored or read; -1 while never stored. */
    long storedOffset();

    /** The offset of the first record not counted yet. */
    long nextOffset();

    /** Called once the state is stored: its next offset is now the stored one. */
    void stored();
}
