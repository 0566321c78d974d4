package io.dqmonitor.partitions;

/**
 * What one instance counted of a table's changes in one partition, up to an offset. It is stored with that offset,
 * and only over the version it was read as ({@link OffsetFence}), so each record counts once whoever reads it.
 */
public abstract class PartitionState {

    private final PartitionKey key;
    private long storedOffset;
    private long nextOffset;

    /** {@code storedOffset} -1 for a state never stored. */
    protected PartitionState(PartitionKey key, long storedOffset, long nextOffset) {
        this.key = key;
        this.storedOffset = storedOffset;
        this.nextOffset = nextOffset;
    }

    public final PartitionKey key() {
        return key;
    }

    /** The next offset as last stored or read; -1 while never stored. */
    public final long storedOffset() {
        return storedOffset;
    }

    /** The offset of the first record not counted yet. */
    public final long nextOffset() {
        return nextOffset;
    }

    /** Takes the record at {@code offset} to be counted; false when it was counted before (read again). */
    protected final boolean claim(long offset) {
        if (offset < nextOffset) {
            return false;
        }
        nextOffset = offset + 1;
        return true;
    }

    /** Called once the state is stored: its next offset is now the stored one. */
    public void stored() {
        storedOffset = nextOffset;
    }
}
