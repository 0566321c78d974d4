package io.dqmonitor.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.OpaqueKey;
import io.dqmonitor.cdc.ValueText;
import org.springframework.stereotype.Component;

/**
 * Masks the values of personal columns before anything leaves the process: the rules have seen the raw values by
 * then, and every store, response, log line and dead-letter header gets only what this returns.
 */
@Component
public class Masker {

    static final String HASH_PREFIX = "hmac:";
    static final String REDACTED = "[redacted]";
    static final String PARTIAL_MARKER = "***";
    /** The most characters {@code partial} keeps; never more than a quarter of the value. */
    static final int PARTIAL_SUFFIX = 4;
    /** Hex characters of the HMAC kept: 128 bits, ample to keep distinct values apart. */
    private static final int HASH_HEX = 32;

    private final ThreadLocal<Mac> mac;

    public Masker(PrivacyProperties properties) {
        this.mac = properties.hasHashKey() ? ThreadLocal.withInitial(() -> hmac(properties.hashKey())) : null;
    }

    /**
     * The event as it may be shown: the personal columns of its key and both images masked; the same instance when no
     * column is personal, which callers may rely on to skip work for unmasked events.
     */
    public ChangeEvent mask(ChangeEvent event, Map<String, PiiMode> personal) {
        if (personal.isEmpty()) {
            return event;
        }
        return new ChangeEvent(event.table(), event.op(), maskRow(event.key(), personal),
                maskRow(event.before(), personal), maskRow(event.after(), personal), event.sourceTimestamp(),
                event.position(), event.columnTypes(), event.partial(), event.capture(), event.unavailable());
    }

    /** A value's text as it may be shown, or {@code null} when the column is dropped or the value was null. */
    public String maskText(PiiMode mode, String text) {
        if (text == null || mode == PiiMode.DROP) {
            return null;
        }
        return switch (mode) {
            case HASH -> hash(text);
            case REDACT -> REDACTED;
            case PARTIAL -> partial(text);
            case DROP -> null;
        };
    }

    /**
     * The text with every raw value of the event's personal columns replaced by its masked form: for messages that
     * may quote a value, such as an exception thrown while checking the event.
     */
    public String scrub(String text, ChangeEvent event, Map<String, PiiMode> personal) {
        if (text == null || personal.isEmpty()) {
            return text;
        }
        String scrubbed = text;
        for (Map<String, Object> row : Arrays.asList(event.key(), event.before(), event.after())) {
            if (row == null) {
                continue;
            }
            for (Map.Entry<String, Object> column : row.entrySet()) {
                PiiMode mode = column.getValue() instanceof OpaqueKey ? wholeKey()
                        : PiiMode.of(personal, column.getKey());
                String raw = mode == null ? null : ValueText.of(column.getValue());
                if (raw != null && !raw.isEmpty()) {
                    String masked = maskText(mode, raw);
                    scrubbed = scrubbed.replace(raw, masked == null ? REDACTED : masked);
                }
            }
        }
        return scrubbed;
    }

    private Map<String, Object> maskRow(Map<String, Object> row, Map<String, PiiMode> personal) {
        if (row == null) {
            return null;
        }
        Map<String, Object> masked = new LinkedHashMap<>(row.size() * 2);
        row.forEach((column, value) -> {
            PiiMode mode = value instanceof OpaqueKey ? wholeKey() : PiiMode.of(personal, column);
            if (mode == null) {
                masked.put(column, value);
            } else if (mode != PiiMode.DROP) {
                masked.put(column, maskText(mode, ValueText.of(value)));
            }
        });
        return masked;
    }

    /** A key that is not a row of columns, of a table with personal columns: it may hold any of them. */
    private PiiMode wholeKey() {
        return mac == null ? PiiMode.REDACT : PiiMode.HASH;
    }

    /** Whether {@code dq.privacy.hash-key} is set, so that identities can be keyed too. */
    public boolean hasHashKey() {
        return mac != null;
    }

    /**
     * The keyed HMAC-SHA-256 of {@code bytes}, whole, in hex: the identity of a change of a table with personal
     * columns, which a plain hash would let a dictionary reverse (its other inputs are shown beside it).
     */
    public String keyedDigest(byte[] bytes) {
        if (mac == null) {
            throw new IllegalStateException("keyed identities need dq.privacy.hash-key");
        }
        return HexFormat.of().formatHex(mac.get().doFinal(bytes));
    }

    private String hash(String text) {
        if (mac == null) {
            // the rules are only accepted with a key when they ask for hashes (RuleSetParser): unreachable otherwise
            throw new IllegalStateException("pii: hash needs dq.privacy.hash-key");
        }
        byte[] digest = mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
        return HASH_PREFIX + HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
    }

    private static String partial(String text) {
        int length = text.codePointCount(0, text.length());
        int keep = Math.min(PARTIAL_SUFFIX, length / 4);
        return PARTIAL_MARKER + text.substring(text.offsetByCodePoints(0, length - keep));
    }

    private static Mac hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
