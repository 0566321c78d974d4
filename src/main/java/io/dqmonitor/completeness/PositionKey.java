package io.dqmonitor.completeness;

import io.dqmonitor.cdc.Position;

/**
 * The part of a change's position a snapshot needs to place it, as text that survives a handover: a PostgreSQL
 * transaction id ({@code pg:<txId>}) or the binlog coordinates of a transaction ({@code binlog:<pos>:<file>}).
 */
final class PositionKey {

    private PositionKey() {
    }

    /** Whether a snapshot can place the position: {@link #of} gives a key for it. */
    static boolean placeable(Position position) {
        return position instanceof Position.Postgres postgres && postgres.txId() != null
                || position instanceof Position.Binlog binlog && binlog.file() != null && binlog.pos() != null;
    }

    /** The key, or null for a position no snapshot can place: such a change is left out of the count. */
    static String of(Position position) {
        if (position instanceof Position.Postgres postgres && postgres.txId() != null) {
            return TransactionSnapshot.PREFIX + postgres.txId();
        }
        if (position instanceof Position.Binlog binlog && binlog.file() != null && binlog.pos() != null) {
            return BinlogSnapshot.PREFIX + binlog.pos() + ':' + binlog.file();
        }
        return null;
    }

    static Position position(String key) {
        if (key.startsWith(TransactionSnapshot.PREFIX)) {
            return Position.postgres(null, Long.parseLong(key.substring(TransactionSnapshot.PREFIX.length())));
        }
        String coordinates = key.substring(BinlogSnapshot.PREFIX.length());
        int colon = coordinates.indexOf(':');
        return new Position.Binlog("mysql", null, null, coordinates.substring(colon + 1),
                Long.parseLong(coordinates.substring(0, colon)), null);
    }
}
