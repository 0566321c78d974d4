package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where a change event comes from in the source database, the same for every delivery of the same change: after a
 * rebalance, a crash or a connector replay. The history and the recent-changes list key their entries by its
 * {@link #id()}, the table limits claim places by it, and the stream's integrity check tells redeliveries apart by its
 * {@link #fingerprint()}.
 * <p>
 * The row key's JSON and the id's hash are made when first asked for: most changes are neither stored nor shown nor
 * claimed, and for them neither is needed. A position is handed from the consumer thread to the store thread with its
 * batch, which orders what either thread made of it; the threads that store one batch side by side may each make the
 * same text, which is immutable, so either one's is right.
 */
public final class SourcePosition {

    // the identity of a change must not move with the application's JSON settings: a fixed mapper of its own
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The same identity for in-memory use: the fields the stored id is a hash of, compared as values, with no hashing
     * or serialising on the hot path.
     */
    public record Key(String table, Op op, Position position, Instant sourceTimestamp, Map<String, Object> rowKey) {

        public static Key of(ChangeEvent event) {
            return new Key(event.table(), event.op(), event.position(), event.sourceTimestamp(), event.key());
        }
    }

    private final Key key;
    private final Function<byte[], String> digest;
    /** The row key shown, when masking made it differ from the identity's; null when it is the identity's. */
    private final Map<String, Object> shownKey;
    private String rowKey;
    private String id;

    private SourcePosition(Key key, Function<byte[], String> digest, Map<String, Object> shownKey, String id) {
        this.key = key;
        this.digest = digest;
        this.shownKey = shownKey;
        this.id = id;
    }

    public static SourcePosition of(ChangeEvent event) {
        return of(event, SourcePosition::sha256);
    }

    /**
     * The same identity, hashed by {@code digest} (to hex): a keyed HMAC for a table with personal columns, whose
     * row key a dictionary would otherwise recover from a plain hash, as every other input is shown beside it.
     */
    public static SourcePosition of(ChangeEvent event, Function<byte[], String> digest) {
        return new SourcePosition(Key.of(event), digest, null, null);
    }

    /**
     * The same position with the row key shown as {@code key}: the identity stays that of the raw change, so masking
     * (or a change of it) never makes one change two, while what is stored and shown is the masked key.
     */
    public SourcePosition withRowKey(Map<String, Object> key) {
        return new SourcePosition(this.key, digest, key == null ? Map.of() : key, id);
    }

    /** The event's key as shown, as JSON text, or {@code null} for a key-less table. */
    public String rowKey() {
        if (rowKey == null) {
            Map<String, Object> shown = shownKey == null ? key.rowKey() : shownKey.isEmpty() ? null : shownKey;
            rowKey = shown == null ? null : JSON.writeValueAsString(shown);
        }
        return rowKey;
    }

    /**
     * A SHA-256 (hex) of table, operation, source position ({@link Position#identity()}), commit time and row key;
     * snapshot reads share a position, so the row key is part of it.
     */
    public String id() {
        if (id == null) {
            String raw = key.rowKey() == null ? null : JSON.writeValueAsString(key.rowKey());
            String position = String.join("|", key.table(), key.op().label(), key.position().identity(),
                    String.valueOf(key.sourceTimestamp() == null ? null : key.sourceTimestamp().toEpochMilli()),
                    raw == null ? "" : raw);
            id = digest.apply(position.getBytes(StandardCharsets.UTF_8));
        }
        return id;
    }

    /**
     * 64 bits that tell this change from others within one process, with nothing serialised or digested: the same for
     * every delivery of the change as long as the process lives, not across processes (nor to be stored).
     */
    public long fingerprint() {
        long hash = key.table().hashCode();
        hash = 31 * hash + key.op().ordinal();
        hash = 31 * hash + key.position().hashCode();
        hash = 31 * hash + (key.sourceTimestamp() == null ? 0 : key.sourceTimestamp().toEpochMilli());
        hash = 0x9E3779B97F4A7C15L * hash + Objects.hashCode(key.rowKey());
        return hash ^ (hash >>> 29);
    }

    @Override
    public String toString() {
        return "SourcePosition[" + id() + "]";
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(SHA_256.get().digest(bytes));
    }

    // one digest per thread: looking the algorithm up for every change costs more than hashing a position
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });
}
