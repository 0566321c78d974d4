package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * Parses a record's key, with the converter's {@code {schema, payload}} wrapper or without it. The key only identifies
 * the row (in the recent-changes view, in the source position), so it never fails a record.
 */
final class KeyParser {

    private final EnvelopeReader keys;
    private final PayloadDecoder direct;
    private final boolean directly;

    /** {@code keys} has a schema cache of its own: keys' schemas are not values'. */
    KeyParser(EnvelopeReader keys, PayloadDecoder direct, boolean directly) {
        this.keys = keys;
        this.direct = direct;
        this.directly = directly;
    }

    Map<String, Object> parse(byte[] key) {
        if (key == null || key.length == 0) {
            return null;
        }
        try {
            Map<String, Object> decoded = directly ? decodeDirectly(key) : null;
            if (decoded != null) {
                return decoded;
            }
            EnvelopeReader.Envelope envelope = keys.read(key);
            if (envelope.wrapped()) {
                return ValueDecoder.decodeRow(envelope.payload(), envelope.schema().struct());
            }
            JsonNode root = envelope.root();
            return root.isObject() ? ValueDecoder.decodeRow(root, ConnectSchema.NONE)
                    : Map.of("key", new OpaqueKey(root.asString()));
        } catch (RuntimeException e) {
            // The key only identifies the row (in the recent-changes view, in the source position): a key that cannot
            // be decoded (bad JSON, a contradictory schema, a value unlike its type) is kept as its text.
            return Map.of("key", new OpaqueKey(new String(key, StandardCharsets.UTF_8)));
        }
    }

    /** A key in the converter's layout with a cached schema, decoded from its bytes; null for the tree path. */
    private Map<String, Object> decodeDirectly(byte[] key) {
        EnvelopeReader.Known known = keys.known(key, 0, key.length);
        if (known == null) {
            return null;
        }
        try (JsonParser parser = keys.parserAt(key, known)) {
            parser.nextToken();
            Map<String, Object> row = direct.row(parser, known.schema().struct());
            return row != null && EnvelopeReader.endsAfter(key, known, parser) ? row : null;
        } catch (RuntimeException undecided) {
            return null;
        }
    }
}
