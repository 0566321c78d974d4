package io.dqmonitor.cdc;

import tools.jackson.databind.JsonNode;

/**
 * How the connector captured a change, beside where it was: whether it was read by a snapshot (and where in it), and
 * its place in the order the connector streams changes in, which {@link Position} alone does not give for PostgreSQL
 * (a change's LSN is when it was written, not when its transaction committed).
 *
 * @param snapshot the source block's {@code snapshot} marker
 * @param order    the change's place in its connector's stream, or null when the source block does not say
 */
public record Capture(Snapshot snapshot, StreamOrder order) {

    public static final Capture NONE = new Capture(Snapshot.NONE, null);

    /** Debezium's {@code source.snapshot}: {@code true}, {@code first}, {@code last}, ... or absent/{@code false}. */
    public enum Snapshot {
        /** A streamed change, not a snapshot read. */
        NONE,
        /** The first record of a blocking snapshot. */
        FIRST,
        /** Any other record of a blocking snapshot: within it, or the first or last of one table. */
        WITHIN,
        /** The last record of a blocking snapshot. */
        LAST,
        /** A record of an incremental (signalled, chunked) snapshot. */
        INCREMENTAL;

        static Snapshot of(JsonNode marker) {
            String text = marker == null || marker.isNull() ? "false" : marker.asString();
            return switch (text) {
                case "false" -> NONE;
                case "first" -> FIRST;
                case "last" -> LAST;
                case "incremental" -> INCREMENTAL;
                default -> WITHIN;
            };
        }

        /** Whether the record is part of a blocking snapshot. */
        public boolean blocking() {
            return this == FIRST || this == WITHIN || this == LAST;
        }
    }

    /**
     * A change's place in its connector's stream: PostgreSQL's {@code sequence} (the last commit's LSN, then the
     * change's), the binlog file's number, the position and the row, MongoDB's oplog time and ordinal. Compared
     * within one connector and partition only.
     */
    public record StreamOrder(long major, long minor, long row) implements Comparable<StreamOrder> {

        @Override
        public int compareTo(StreamOrder other) {
            int byMajor = Long.compare(major, other.major);
            if (byMajor != 0) {
                return byMajor;
            }
            int byMinor = Long.compare(minor, other.minor);
            return byMinor != 0 ? byMinor : Long.compare(row, other.row);
        }
    }

    static Capture of(JsonNode source, Position position) {
        return new Capture(Snapshot.of(source.get("snapshot")), order(source, position));
    }

    private static StreamOrder order(JsonNode source, Position position) {
        if (position instanceof Position.Postgres) {
            return postgres(source.get("sequence"));
        }
        if (position instanceof Position.Binlog b && b.file() != null && b.pos() != null && fileNumber(b.file()) >= 0) {
            return new StreamOrder(fileNumber(b.file()), b.pos(), b.row() == null ? 0 : b.row());
        }
        if (position instanceof Position.Oplog o && o.timeMillis() != null) {
            return new StreamOrder(o.timeMillis() / 1000, o.ord() == null ? 0 : o.ord(), 0);
        }
        return null;
    }

    /** {@code sequence} is a JSON array as text: {@code ["<last commit lsn>","<lsn>"]}, either may be null. */
    private static StreamOrder postgres(JsonNode sequence) {
        if (sequence == null || !sequence.isString()) {
            return null;
        }
        String[] parts = twoParts(sequence.asString());
        if (parts == null) {
            return null;
        }
        // the stream's first commit has no last commit before it
        boolean noLastCommit = parts[0].isEmpty() || parts[0].equals("null");
        long lastCommit = noLastCommit ? 0 : number(parts[0]);
        long lsn = number(parts[1]);
        return lsn < 0 || lastCommit < 0 ? null : new StreamOrder(lastCommit, lsn, 0);
    }

    /**
     * The two comma-separated parts of the text without brackets, quotes and spaces, or null when there are not two:
     * by hand, since a regular expression per change cost a compiled pattern per change.
     */
    private static String[] twoParts(String text) {
        StringBuilder first = new StringBuilder(20);
        StringBuilder second = new StringBuilder(20);
        StringBuilder part = first;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                if (part == second) {
                    return null;
                }
                part = second;
            } else if (c != '[' && c != ']' && c != '"' && c != ' ') {
                part.append(c);
            }
        }
        return part == second ? new String[] {first.toString(), second.toString()} : null;
    }

    private static long number(String text) {
        if (text.isEmpty() || text.equals("null") || text.length() > 19) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    /** {@code mariadb-bin.000042} is 42; a name without a number has no order. */
    public static long fileNumber(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? -1 : number(file.substring(dot + 1));
    }
}
