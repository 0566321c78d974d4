package io.dqmonitor.completeness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.cdc.Position;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.partitions.PartitionState;

/**
 * The changes of one table read from one partition, as the completeness check needs them: the net rows they add and
 * the truncates among them, in all and as seen by each check under way. Persisted after each batch, so the instance
 * that reads the partition next goes on from here, and each record is counted once, whoever reads it how often.
 * <p>
 * A check's tally starts, in the first batch that knows the check, from everything counted before: those records
 * were fetched before the check began, so its snapshot sees them. Later changes count for it when its snapshot sees
 * them; until its snapshot is known they wait as pending.
 */
final class PartitionLedger extends PartitionState {

    /** A change waiting for its check's snapshot: {@code position} is a {@link PositionKey}. */
    record Pending(String position, long rows, long truncates) {
    }

    /** What a check counts from this partition: the changes its snapshot sees, and those not yet placed. */
    record Tally(long rows, long truncates, List<Pending> pending) {

        Tally plus(long rowDelta, long truncateDelta) {
            return new Tally(rows + rowDelta, truncates + truncateDelta, pending);
        }

        Tally waiting(Pending change) {
            List<Pending> more = new ArrayList<>(pending);
            more.add(change);
            return new Tally(rows, truncates, more);
        }

        /** Places the pending changes by the snapshot, now that it is known. */
        Tally placedBy(SourceSnapshot snapshot) {
            Tally placed = new Tally(rows, truncates, List.of());
            for (Pending change : pending) {
                if (sees(snapshot, PositionKey.position(change.position()))) {
                    placed = placed.plus(change.rows(), change.truncates());
                }
            }
            return placed;
        }
    }

    private long rows;
    private long truncates;
    private final Map<Long, Tally> tallies;

    /** A ledger as stored; {@code nextOffset} -1 for one never stored. */
    PartitionLedger(PartitionKey key, long nextOffset, long rows, long truncates, Map<Long, Tally> tallies) {
        super(key, nextOffset, nextOffset);
        this.rows = rows;
        this.truncates = truncates;
        this.tallies = new HashMap<>(tallies);
    }

    static PartitionLedger empty(PartitionKey key) {
        return new PartitionLedger(key, -1, 0, 0, Map.of());
    }

    /**
     * Counts one change at {@code offset} against the checks under way (with their snapshots, once known); false for
     * an offset counted before.
     */
    boolean record(long offset, Position position, long rowDelta, long truncateDelta,
            Map<Long, Optional<SourceSnapshot>> checks) {
        if (!claim(offset)) {
            return false;
        }
        if (!PositionKey.placeable(position)) {
            return true;
        }
        if (checks.isEmpty() && tallies.isEmpty()) {
            // no check under way, the common case: nothing to place, and no key to build
            rows += rowDelta;
            truncates += truncateDelta;
            return true;
        }
        String placeable = PositionKey.of(position);
        tallies.keySet().retainAll(checks.keySet());
        checks.keySet().forEach(check -> tallies.computeIfAbsent(check, c -> new Tally(rows, truncates, List.of())));
        tallies.replaceAll((check, tally) -> checks.get(check)
                .map(snapshot -> {
                    Tally placed = tally.pending().isEmpty() ? tally : tally.placedBy(snapshot);
                    return sees(snapshot, position) ? placed.plus(rowDelta, truncateDelta) : placed;
                })
                .orElseGet(() -> tally.waiting(new Pending(placeable, rowDelta, truncateDelta))));
        rows += rowDelta;
        truncates += truncateDelta;
        return true;
    }

    /** The rows and truncates this partition gives a completed check: all it counted if it never knew the check. */
    long[] seenBy(long check, SourceSnapshot snapshot) {
        Tally tally = tallies.get(check);
        if (tally == null) {
            return new long[] {rows, truncates};
        }
        Tally placed = tally.placedBy(snapshot);
        return new long[] {placed.rows(), placed.truncates()};
    }

    private static boolean sees(SourceSnapshot snapshot, Position position) {
        return snapshot.orders(position) && snapshot.sees(position);
    }

    long rows() {
        return rows;
    }

    long truncates() {
        return truncates;
    }

    Map<Long, Tally> tallies() {
        return Map.copyOf(tallies);
    }
}
