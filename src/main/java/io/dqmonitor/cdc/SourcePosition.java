package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where a change event comes from in the source database, the same for every delivery of the same change: after a
 * rebalance, a crash or a connector replay. The history and the recent-changes list both key their entries by it.
 *
 * @param rowKey the event's key as JSON text, or {@code null} for a key-less table
 * @param id     a SHA-256 (hex) of table, operation, LSN, transaction, commit time and row key; snapshot reads share
 *               an LSN, so the row key is part of it
 */
public record SourcePosition(String rowKey, String id) {

    // the identity of a change must not move with the application's JSON settings: a fixed mapper of its own
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static SourcePosition of(ChangeEvent event) {
        String rowKey = event.key() == null ? null : JSON.writeValueAsString(event.key());
        String position = String.join("|", event.table(), event.op().label(), String.valueOf(event.lsn()),
                String.valueOf(event.txId()),
                String.valueOf(event.sourceTimestamp() == null ? null : event.sourceTimestamp().toEpochMilli()),
                rowKey == null ? "" : rowKey);
        try {
            return new SourcePosition(rowKey, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(position.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
