package io.dqmonitor.cdc;

import java.util.StringJoiner;

import tools.jackson.databind.JsonNode;

/**
 * Where a change was in its source database's log, in that source's own terms: PostgreSQL's LSN and transaction id,
 * the MySQL/MariaDB binlog coordinates, MongoDB's oplog time and ordinal. The history stores {@link #text()}, the
 * table limits group rows by {@link #transaction()}, and {@link #identity()} is part of every change's identity.
 */
public sealed interface Position {

    /** A change whose connector gave no position this model knows (schemas off with a foreign source block). */
    Position NONE = new Unknown();

    /** The source kind: {@code postgresql}, {@code mysql}, {@code mariadb}, {@code mongodb} or {@code unknown}. */
    String source();

    /** The source transaction the change belongs to, unique within its source, or null outside a transaction. */
    String transaction();

    /** The position as {@code name=value} pairs, e.g. {@code file=mysql-bin.000003;pos=1204;row=0}. */
    String text();

    /**
     * The position as part of a change's identity. For PostgreSQL it is {@code lsn|txId}, the form the identity had
     * before other sources existed, so an upgrade recognises the changes it already stored.
     */
    default String identity() {
        return text();
    }

    static Position postgres(Long lsn, Long txId) {
        return new Postgres(lsn, txId);
    }

    /** The position a Debezium {@code source} block describes, by its {@code connector} field. */
    static Position of(JsonNode source) {
        String connector = source.path("connector").asString("");
        return switch (connector) {
            case "mysql", "mariadb" -> new Binlog(connector, longValue(source, "server_id"), text(source, "gtid"),
                    text(source, "file"), longValue(source, "pos"), longValue(source, "row"));
            case "mongodb" -> new Oplog(longValue(source, "ts_ms"), longValue(source, "ord"),
                    longValue(source, "txnNumber"), text(source, "lsid"));
            case "postgresql" -> new Postgres(longValue(source, "lsn"), longValue(source, "txId"));
            // without a connector name (hand-made or older records), an LSN still says PostgreSQL
            default -> source.has("lsn") || source.has("txId")
                    ? new Postgres(longValue(source, "lsn"), longValue(source, "txId")) : NONE;
        };
    }

    /** PostgreSQL: the commit's log sequence number and the 32-bit transaction id Debezium reports. */
    record Postgres(Long lsn, Long txId) implements Position {

        @Override
        public String source() {
            return "postgresql";
        }

        @Override
        public String transaction() {
            return txId == null ? null : txId.toString();
        }

        @Override
        public String text() {
            return pairs("lsn", lsn, "txId", txId);
        }

        @Override
        public String identity() {
            return lsn + "|" + txId;
        }
    }

    /**
     * MySQL or MariaDB: the binlog file and the position of the transaction's first event in it, the row within that
     * event, the GTID when the server has them, and the server that wrote the binlog.
     */
    record Binlog(String source, Long serverId, String gtid, String file, Long pos, Long row) implements Position {

        @Override
        public String transaction() {
            // without GTIDs a transaction's events share the file and the position of its first event
            return gtid != null ? gtid : file == null || pos == null ? null : file + ':' + pos;
        }

        @Override
        public String text() {
            return pairs("file", file, "pos", pos, "row", row, "gtid", gtid, "server_id", serverId);
        }
    }

    /**
     * MongoDB: the oplog time in milliseconds, the ordinal within that second, and, inside a multi-document
     * transaction, its session id and transaction number.
     */
    record Oplog(Long timeMillis, Long ord, Long txnNumber, String lsid) implements Position {

        @Override
        public String source() {
            return "mongodb";
        }

        @Override
        public String transaction() {
            return txnNumber == null || lsid == null ? null : lsid + ':' + txnNumber;
        }

        @Override
        public String text() {
            return pairs("sec", timeMillis == null ? null : timeMillis / 1000, "ord", ord, "txnNumber", txnNumber,
                    "lsid", lsid);
        }
    }

    /** No position: only commit time and row key identify such a change. */
    record Unknown() implements Position {

        @Override
        public String source() {
            return "unknown";
        }

        @Override
        public String transaction() {
            return null;
        }

        @Override
        public String text() {
            return null;
        }

        @Override
        public String identity() {
            // the identity other connectors' changes had before positions were modelled
            return "null|null";
        }
    }

    private static String pairs(Object... namesAndValues) {
        StringJoiner text = new StringJoiner(";");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                text.add(namesAndValues[i] + "=" + namesAndValues[i + 1]);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() ? value.longValue() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
