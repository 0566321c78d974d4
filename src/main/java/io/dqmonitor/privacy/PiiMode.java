package io.dqmonitor.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How a column declared personal ({@code pii:} in the rules) is shown outside the process. */
public enum PiiMode {
    /** A keyed HMAC-SHA-256: stable, so equal values stay equal and joinable, but not reversible without the key. */
    HASH,
    /** A fixed marker. */
    REDACT,
    /** A short suffix of the value, the rest replaced by a marker. */
    PARTIAL,
    /** Left out altogether. */
    DROP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How {@code column} is masked under {@code personal}: its own declaration, or else that of the nearest field
     * above it, since {@code pii} on a field covers every path beneath it ({@code contact} covers
     * {@code contact.email}, {@code emails} a partial update's {@code emails.0}); null when it is not personal.
     */
    public static PiiMode of(Map<String, PiiMode> personal, String column) {
        if (personal.isEmpty() || column == null) {
            return null;
        }
        PiiMode mode = personal.get(column);
        for (int dot = column.lastIndexOf('.'); mode == null && dot > 0; dot = column.lastIndexOf('.', dot - 1)) {
            mode = personal.get(column.substring(0, dot));
        }
        return mode;
    }

    public static Optional<PiiMode> fromLabel(String label) {
        return Arrays.stream(values()).filter(mode -> mode.label().equals(label)).findFirst();
    }
}
