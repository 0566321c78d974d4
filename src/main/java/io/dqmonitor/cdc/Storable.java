package io.dqmonitor.cdc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes values from the change stream storable in the history tables (docs/reliability.md, "Values made storable").
 * PostgreSQL's {@code text} and {@code jsonb} cannot hold U+0000: it is stored as the six characters {@code \u0000}.
 * A B-tree index entry must stay under about 2.7 KB: table and column names, which the history indexes, are cut to
 * an excerpt of {@value #MAX_NAME_LENGTH} characters (PostgreSQL's own identifiers are at most 63 bytes, so only
 * names from other producers are ever cut).
 */
public final class Storable {

    public static final int MAX_NAME_LENGTH = 200;
    private static final String NUL = "\u0000";
    private static final String ESCAPED_NUL = "\\u0000";
    // a JSON \u0000 escape, not the text "\u0000" (which JSON writes with its backslash doubled)
    private static final Pattern JSON_NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private Storable() {
    }

    public static String text(String value) {
        return value == null || !value.contains(NUL) ? value : value.replace(NUL, ESCAPED_NUL);
    }

    public static String name(String value) {
        return value == null ? null : text(Excerpt.of(value, MAX_NAME_LENGTH));
    }

    /** JSON text whose strings may hold U+0000, as JSON {@code jsonb} accepts: the character becomes its escape text. */
    public static String json(String json) {
        if (json == null || !json.contains(ESCAPED_NUL)) {
            return json;
        }
        return JSON_NUL.matcher(json).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "\\\\u0000"));
    }
}
