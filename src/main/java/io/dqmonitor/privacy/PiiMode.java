package io.dqmonitor.privacy;

import java.util.Arrays;
import java.util.Locale;
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

    public static Optional<PiiMode> fromLabel(String label) {
        return Arrays.stream(values()).filter(mode -> mode.label().equals(label)).findFirst();
    }
}
