package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where a change event comes from in the source database, the same for every delivery of the same change: after a
 * rebalance, a crash or a connector replay. The history and the recent-changes list key their entries by its id, and
 * the table limits count changes by its {@link Key}.
 *
 * @param rowKey the event's key as JSON text, or {@code null} for a key-less table
 * @param id     a SHA-256 (hex) of table, operation, source position ({@link Position#identity()}), commit time and
 *               row key; snapshot reads share a position, so the row key is part of it
 */
public record SourcePosition(String rowKey, String id) {

    // the identity of a change must not move with the application's JSON settings: a fixed mapper of its own
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The same identity for in-memory use (table limits): the fields the stored id is a hash of, compared as values,
     * with no hashing or serialising on the hot path.
     */
    public record Key(String table, Op op, Position position, Instant sourceTimestamp, Map<String, Object> rowKey) {

        public static Key of(ChangeEvent event) {
            return new Key(event.table(), event.op(), event.position(), event.sourceTimestamp(), event.key());
        }
    }

    /**
     * The same position with the row key shown as {@code key}: the identity stays that of the raw change, so masking
     * (or a change of it) never makes one change two, while what is stored and shown is the masked key.
     */
    public SourcePosition withRowKey(Map<String, Object> key) {
        return new SourcePosition(key == null ? null : JSON.writeValueAsString(key), id);
    }

    public static SourcePosition of(ChangeEvent event) {
        return of(event, bytes -> HexFormat.of().formatHex(SHA_256.get().digest(bytes)));
    }

    /**
     * The same identity, hashed by {@code digest} (to hex): a keyed HMAC for a table with personal columns, whose
     * row key a dictionary would otherwise recover from a plain hash, as every other input is shown beside it.
     */
    public static SourcePosition of(ChangeEvent event, Function<byte[], String> digest) {
        Key key = Key.of(event);
        String rowKey = key.rowKey() == null ? null : JSON.writeValueAsString(key.rowKey());
        String position = String.join("|", key.table(), key.op().label(), key.position().identity(),
                String.valueOf(key.sourceTimestamp() == null ? null : key.sourceTimestamp().toEpochMilli()),
                rowKey == null ? "" : rowKey);
        return new SourcePosition(rowKey, digest.apply(position.getBytes(StandardCharsets.UTF_8)));
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
