package io.dqmonitor.completeness;

import io.dqmonitor.cdc.Position;

/**
 * A MySQL or MariaDB snapshot as the binlog position it is consistent with ({@code binlog_snapshot_file} and
 * {@code binlog_snapshot_position} after {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}): every transaction that
 * begins before it in the binlog is in the count, every later one is not. Debezium gives each row of a transaction the
 * position of the transaction's first event (MariaDbIT shows it), and the snapshot lies between transactions, so a
 * transaction is never split.
 */
record BinlogSnapshot(String file, long position) implements SourceSnapshot {

    static final String PREFIX = "binlog:";

    /** Reads {@link #text()} without its prefix: {@code <position>:<file>}. */
    static BinlogSnapshot parse(String text) {
        int colon = text.indexOf(':');
        return new BinlogSnapshot(text.substring(colon + 1), Long.parseLong(text.substring(0, colon)));
    }

    @Override
    public boolean orders(Position position) {
        return position instanceof Position.Binlog binlog && binlog.file() != null && binlog.pos() != null;
    }

    @Override
    public boolean sees(Position position) {
        Position.Binlog binlog = (Position.Binlog) position;
        int byFile = compareFiles(binlog.file(), file);
        return byFile < 0 || byFile == 0 && binlog.pos() < this.position;
    }

    @Override
    public String text() {
        return PREFIX + position + ':' + file;
    }

    /** Binlog files are {@code <base>.<sequence>}: ordered by the sequence, whatever its width. */
    private static int compareFiles(String a, String b) {
        int order = Long.compare(sequence(a), sequence(b));
        return order != 0 ? order : a.compareTo(b);
    }

    private static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? -1 : Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
