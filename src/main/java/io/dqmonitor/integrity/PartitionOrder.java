package io.dqmonitor.integrity;

import io.dqmonitor.cdc.Capture;

/**
 * One Kafka partition's place in its connector's stream: the latest offset read, the furthest stream position, and
 * the identities of the latest changes, so that a connector's redelivery (it resends what it sent since its last
 * committed offset) is not taken for the stream going backwards.
 */
final class PartitionOrder {

    private long lastOffset = -1;
    private Capture.StreamOrder furthest;
    private final long[] recent;
    private int next;
    private int held;

    PartitionOrder(int window) {
        this.recent = new long[window];
    }

    /** Whether the record at {@code offset} is read for the first time; it is then the latest. */
    boolean isNew(long offset) {
        if (offset <= lastOffset) {
            return false;
        }
        lastOffset = offset;
        return true;
    }

    /** Whether a streamed change is older than the furthest one and none of the latest changes read. */
    boolean regresses(Capture capture, long id) {
        Capture.StreamOrder order = capture.order();
        if (capture.snapshot() != Capture.Snapshot.NONE || order == null) {
            // snapshot reads all share one position, which is before everything streamed after them
            return false;
        }
        boolean regresses = furthest != null && order.compareTo(furthest) < 0 && !seen(id);
        if (furthest == null || order.compareTo(furthest) > 0) {
            furthest = order;
        }
        remember(id);
        return regresses;
    }

    private boolean seen(long id) {
        for (int i = 0; i < held; i++) {
            if (recent[i] == id) {
                return true;
            }
        }
        return false;
    }

    private void remember(long id) {
        recent[next] = id;
        next = (next + 1) % recent.length;
        held = Math.min(held + 1, recent.length);
    }
}
