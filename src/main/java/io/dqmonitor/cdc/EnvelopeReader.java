package io.dqmonitor.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record written by Kafka Connect's JSON converter. With schemas on ({@code {"schema": …, "payload": …}}) the
 * schema block, most of the record, is decoded once per distinct schema ({@link SchemaCache}): a block seen before is
 * recognised by its bytes and not parsed at all, a new one is skipped token by token and decoded once. Only the
 * payload becomes a tree. Anything else (schemas off, other fields, other shapes) is read as one tree.
 */
final class EnvelopeReader {

    /**
     * The parts of a record value.
     *
     * @param root    the value as a tree, or {@code null} when it was streamed
     * @param payload the payload (the root itself when there is no wrapper)
     * @param schema  the decoded schema, {@link SchemaCache.Entry#NONE} without one
     * @param wrapped whether the value had the {@code {schema, payload}} wrapper
     */
    record Envelope(JsonNode root, JsonNode payload, SchemaCache.Entry schema, boolean wrapped) {
    }

    private static final byte[] SCHEMA_PROPERTY = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_PROPERTY = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;
    // the payload is a value inside the record: the rest of the record follows it
    private final ObjectReader payloadReader;
    private final SchemaCache schemas;

    EnvelopeReader(JsonMapper json) {
        this.json = json;
        this.payloadReader = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.schemas = new SchemaCache(json);
    }

    /** @throws tools.jackson.core.JacksonException for malformed JSON or JSON beyond the parser's limits */
    Envelope read(byte[] value) {
        Envelope known = withKnownSchema(value);
        if (known != null) {
            return known;
        }
        Envelope streamed = stream(value);
        return streamed != null ? streamed : ofTree(json.readTree(value));
    }

    /**
     * The JSON converter writes {@code {"schema":<schema>,"payload":<payload>}} without spaces. When the bytes after
     * {@code {"schema":} are a schema seen before, that block is not read at all: parsing starts at the payload.
     */
    private Envelope withKnownSchema(byte[] value) {
        Known known = known(value, 0, value.length);
        if (known == null) {
            return null;
        }
        try (JsonParser parser = parserAt(value, known)) {
            parser.nextToken();
            JsonNode payload = payloadReader.readTree(parser);
            return payload != null && endsAfter(value, known, parser)
                    ? new Envelope(null, payload, known.schema(), true) : null;
        }
    }

    /**
     * A value in the converter's layout whose schema block is cached, where its payload starts and where the value
     * ends: the value may be part of a larger array (a slice of the consumer's fetch buffer).
     */
    record Known(SchemaCache.Entry schema, int payloadFrom, int end) {
    }

    /**
     * The cached schema and payload start of the value in {@code value[from..end)}, or null when it is not in that
     * layout or not cached.
     */
    Known known(byte[] value, int from, int end) {
        if (!startsWith(value, from, end, SCHEMA_PROPERTY)) {
            return null;
        }
        int schemaFrom = from + SCHEMA_PROPERTY.length;
        SchemaCache.Match schema = schemas.matchAt(value, schemaFrom, end);
        if (schema == null || !startsWith(value, schemaFrom + schema.length(), end, PAYLOAD_PROPERTY)) {
            return null;
        }
        return new Known(schema.entry(), schemaFrom + schema.length() + PAYLOAD_PROPERTY.length, end);
    }

    /**
     * A parser over the payload of a {@link Known} value and what follows it. It comes from the mapper's factory
     * without a deserialization context (the mapper's own parsers make one per record, which trees do not need).
     */
    JsonParser parserAt(byte[] value, Known known) {
        return json.tokenStreamFactory().createParser(ObjectReadContext.empty(), value, known.payloadFrom(),
                known.end() - known.payloadFrom());
    }

    /** Whether the payload the parser has just read is followed by the wrapper's closing brace only. */
    static boolean endsAfter(byte[] value, Known known, JsonParser parser) {
        // offsets of a parser over part of an array count from the start of that part
        return onlyClosingBraceFrom(value, known.payloadFrom() + (int) parser.currentLocation().getByteOffset(),
                known.end());
    }

    private static boolean startsWith(byte[] value, int at, int end, byte[] prefix) {
        return end >= at + prefix.length && Arrays.equals(value, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean onlyClosingBraceFrom(byte[] value, int at, int end) {
        int closing = 0;
        for (int i = at; i < end; i++) {
            byte b = value[i];
            if (b == '}') {
                closing++;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return closing == 1;
    }

    /** The wrapped form read as a stream, or null when the value has another shape (then it is read as a tree). */
    private Envelope stream(byte[] value) {
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonNode payload = null;
            SchemaCache.Entry schema = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("schema".equals(name) && schema == null && token == JsonToken.START_OBJECT) {
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    schema = schemas.get(value, from, to);
                } else if ("payload".equals(name) && payload == null) {
                    payload = payloadReader.readTree(parser);
                } else {
                    return null;
                }
            }
            // the object must end here, and nothing may follow it
            if (payload == null || schema == null || parser.currentToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null) {
                return null;
            }
            return new Envelope(null, payload, schema, true);
        }
    }

    private static Envelope ofTree(JsonNode root) {
        boolean wrapped = root != null && root.isObject() && root.size() == 2 && root.has("schema") && root.has("payload");
        if (!wrapped) {
            return new Envelope(root, root, SchemaCache.Entry.NONE, false);
        }
        return new Envelope(root, root.get("payload"), SchemaCache.Entry.of(root.get("schema")), true);
    }
}
