package io.dqmonitor.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.partitions.PartitionState;

/**
 * One table's changes read from one partition, by minute of source commit time. The partition's open minute closes
 * when a change of a later minute, or a heartbeat, reaches past it; closed minutes wait in {@link #closed()} until they
 * are stored, and the table's lead sums them over every partition once all have passed them. Stored with its next
 * offset after each batch, so the instance that reads the partition next goes on from here and each record counts
 * once.
 * <p>
 * A change of a minute before the open one is late: it is counted in no window. A change more than a day away from
 * the open minute, either way, moves the partition there: a commit time of 1970 or 2099 must neither make every later
 * change late nor fill the gap (the lead starts again after such a gap).
 */
final class PartitionSignals extends PartitionState {

    static final long MAX_GAP_MINUTES = 1440;

    record Closed(long minute, MinuteCounts counts) {
    }

    /** What became of a change. */
    enum Added { COUNTED, LATE, READ_BEFORE }

    private long openMinute;
    private MinuteCounts open;
    private final List<Closed> closed = new ArrayList<>();
    private boolean moved;

    /** As stored; {@code openMinute} MIN_VALUE before any change or heartbeat. */
    PartitionSignals(PartitionKey key, long nextOffset, long openMinute, MinuteCounts open) {
        this(key, nextOffset, nextOffset, openMinute, open);
    }

    private PartitionSignals(PartitionKey key, long storedOffset, long nextOffset, long openMinute, MinuteCounts open) {
        super(key, storedOffset, nextOffset);
        this.openMinute = openMinute;
        this.open = open;
    }

    /** A partition never stored: nothing counted yet ({@code nextOffset} 0), {@link #storedOffset()} -1. */
    static PartitionSignals empty(PartitionKey key) {
        return new PartitionSignals(key, -1, 0, Long.MIN_VALUE, MinuteCounts.empty());
    }

    /** Counts one change at {@code offset}; {@code kinds} and {@code columns} are what the table's rules learn. */
    Added add(long offset, ChangeEvent event, boolean violated, Set<String> kinds, List<String> columns) {
        if (!claim(offset)) {
            return Added.READ_BEFORE;
        }
        moved = true;
        if (event.sourceTimestamp() == null || event.op() == Op.READ || event.op() == Op.TRUNCATE) {
            return Added.COUNTED;
        }
        long minute = Math.floorDiv(event.sourceTimestamp().getEpochSecond(), 60);
        if (openMinute != Long.MIN_VALUE && minute < openMinute && openMinute - minute <= MAX_GAP_MINUTES) {
            return Added.LATE;
        }
        moveTo(minute);
        open.add(event, violated, kinds, columns);
        return Added.COUNTED;
    }

    /** A heartbeat says every change before {@code minute} has been read: the open minute closes before it. */
    void advance(long minute) {
        if (openMinute == Long.MIN_VALUE || minute > openMinute) {
            moveTo(minute);
            moved = true;
        }
    }

    private void moveTo(long minute) {
        if (minute != openMinute) {
            if (!open.hasNone()) {
                closed.add(new Closed(openMinute, open));
            }
            open = MinuteCounts.empty();
            openMinute = minute;
        }
    }

    /** Every change before this minute has been read from the partition; MIN_VALUE before any. */
    long openMinute() {
        return openMinute;
    }

    MinuteCounts open() {
        return open;
    }

    /** The minutes closed since the last store. */
    List<Closed> closed() {
        return List.copyOf(closed);
    }

    /** Whether anything changed since the last store. */
    boolean moved() {
        return moved;
    }

    @Override
    public void stored() {
        super.stored();
        closed.clear();
        moved = false;
    }
}
