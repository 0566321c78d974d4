package io.dqmonitor.completeness;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.dqmonitor.cdc.Position;

/**
 * A PostgreSQL snapshot as {@code pg_current_snapshot()} prints it, {@code xmin:xmax:xip,...}: which transactions had
 * committed when it was taken. Transaction ids are compared as the 32-bit ids Debezium reports.
 */
record TransactionSnapshot(long xmin, long xmax, Set<Long> inProgress) implements SourceSnapshot {

    static final String PREFIX = "pg:";

    static TransactionSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a snapshot: " + text);
        }
        Set<Long> inProgress = parts[2].isEmpty() ? Set.of() : Arrays.stream(parts[2].split(","))
                .map(id -> xid32(Long.parseLong(id))).collect(Collectors.toUnmodifiableSet());
        return new TransactionSnapshot(xid32(Long.parseLong(parts[0])), xid32(Long.parseLong(parts[1])), inProgress);
    }

    @Override
    public boolean orders(Position position) {
        return position instanceof Position.Postgres postgres && postgres.txId() != null;
    }

    @Override
    public boolean sees(Position position) {
        return sees(((Position.Postgres) position).txId());
    }

    @Override
    public String text() {
        return PREFIX + xmin + ':' + xmax + ':'
                + inProgress.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Whether the transaction had committed when the snapshot was taken, so its rows are in the baseline count. */
    boolean sees(long txId) {
        long id = xid32(txId);
        return id < xmin || (id < xmax && !inProgress.contains(id));
    }

    // pg_current_snapshot() gives 64-bit ids with an epoch; the stream carries the 32-bit id
    private static long xid32(long fullId) {
        return fullId & 0xFFFF_FFFFL;
    }
}
