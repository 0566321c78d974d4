package io.dqmonitor.cdc;

import tools.jackson.databind.JsonNode;

/**
 * The table of a change, from its source block: {@code schema.table} for PostgreSQL and SQL Server, {@code db.table}
 * for MySQL, {@code db.collection} for MongoDB. The name comes from the record, so it is bounded where it is read:
 * a longer one, from a producer's made-up source block, is cut to an excerpt, and control characters are shown as
 * {@code ?}, before it is stored, labelled or logged anywhere.
 */
final class TableName {

    /** The longest name kept whole; with its "… (N characters)" an excerpt stays under about 185 characters. */
    static final int MAX_LENGTH = 160;

    private TableName() {
    }

    /** The table named by {@code source}, or null when it names none. */
    static String of(JsonNode source) {
        String table = text(source.get("table"));
        if (table == null) {
            table = text(source.get("collection"));
        }
        if (table == null) {
            return null;
        }
        String schema = text(source.get("schema"));
        String namespace = schema != null ? schema : text(source.get("db"));
        return printable(Excerpt.of(namespace == null ? table : namespace + "." + table, MAX_LENGTH));
    }

    /** A line break in a name would forge log lines. */
    private static String printable(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                StringBuilder shown = new StringBuilder(name);
                for (int j = i; j < shown.length(); j++) {
                    if (Character.isISOControl(shown.charAt(j))) {
                        shown.setCharAt(j, '?');
                    }
                }
                return shown.toString();
            }
        }
        return name;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
