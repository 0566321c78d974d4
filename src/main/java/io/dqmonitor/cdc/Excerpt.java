package io.dqmonitor.cdc;


/**
 * A column value cut to a length that is safe to keep and show. Values are evidence worth keeping, but one
 * multi-megabyte row must not bloat the violation history, the Redis list or an alert that quotes it.
 */
public final class Excerpt {

    private Excerpt() {
    }

    /** At most {@code max} characters of {@code text} (never half a surrogate pair), saying how long it was when cut. */
    public static String of(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
