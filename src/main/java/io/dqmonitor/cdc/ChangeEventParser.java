package io.dqmonitor.cdc;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;

import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord.SkipReason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the key and value of one Kafka record written by a Debezium connector, with the JSON converter's
 * {@code {schema, payload}} wrapper or without it. Never throws on bad input: the outcome says what the record was.
 */
public final class ChangeEventParser {

    /** Debezium's op of a logical-decoding message ({@code pg_logical_emit_message}), on {@code <prefix>.message}. */
    private static final String LOGICAL_MESSAGE = "m";
    /** Single- or double-quoted text, on one line or across lines. */
    private static final Pattern QUOTED = Pattern.compile("(['\"])[^'\"]*\\1");

    // keys and values have schemas of their own: separate caches keep each small
    private final EnvelopeReader values;
    private final KeyParser keys;
    private final MongoEnvelope mongo;
    private final PayloadDecoder direct;
    private final boolean directly;

    /** A parser on a plain mapper, for tests and benchmarks. */
    public ChangeEventParser() {
        this(JsonMapper.builder().build());
    }

    /** A parser on the application's mapper; decimals are always read exactly, whatever its settings. */
    public ChangeEventParser(JsonMapper json) {
        this(json, true);
    }

    /** {@code directly}: whether values of a cached schema are decoded from their bytes (off: trees only, for tests). */
    ChangeEventParser(JsonMapper json, boolean directly) {
        JsonMapper exact = json.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        this.values = new EnvelopeReader(exact);
        this.mongo = new MongoEnvelope(exact);
        this.direct = new PayloadDecoder(exact.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        this.keys = new KeyParser(new EnvelopeReader(exact), direct, directly);
        this.directly = directly;
    }

    /** The outcome of one record; total: whatever the bytes, it returns, and never throws. */
    public ParsedRecord parse(byte[] key, byte[] value) {
        return parse(key, value == null ? null : ByteBuffer.wrap(value));
    }

    /**
     * The outcome of one record whose value is a buffer, such as a slice of the consumer's fetch buffer: a change of a
     * cached schema is decoded where it lies; only a record for the tree path is copied out first. Total, like
     * {@link #parse(byte[], byte[])}; the buffer's position is left as it was.
     */
    public ParsedRecord parse(byte[] key, ByteBuffer value) {
        try {
            return parseOrThrow(key, value);
        } catch (InvalidSchemaException e) {
            return new ParsedRecord.Rejected(RejectReason.INVALID_SCHEMA, e.getMessage());
        } catch (RuntimeException e) {
            // the guards below cover every failure known; anything else is still this record's problem only
            return new ParsedRecord.Rejected(RejectReason.UNDECODABLE_VALUE, e.getClass().getSimpleName() + ": "
                    + unquoted(e.getMessage()));
        }
    }

    /**
     * An exception's message without what it quotes ({@code For input string: "..."}, {@code Unrecognized token
     * '...'}): a quote is part of the record, which may hold personal data, and the detail goes to dead-letter headers.
     */
    static String unquoted(String message) {
        return message == null ? null : QUOTED.matcher(message).replaceAll("$1…$1");
    }

    private ParsedRecord parseOrThrow(byte[] key, ByteBuffer buffer) {
        if (buffer == null) {
            return new ParsedRecord.Skipped(SkipReason.TOMBSTONE);
        }
        if (!buffer.hasRemaining()) {
            return new ParsedRecord.Rejected(RejectReason.EMPTY_VALUE, "the record value is empty");
        }
        ParsedRecord decoded = directly && buffer.hasArray() ? decodeDirectly(key, buffer.array(),
                buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit()) : null;
        if (decoded != null) {
            return decoded;
        }
        byte[] value = Bytes.of(buffer);
        EnvelopeReader.Envelope envelope;
        try {
            envelope = values.read(value);
        } catch (StreamConstraintsException e) {
            // nesting depth, string or number length: the parser's limits protect the heap and the stack
            return new ParsedRecord.Rejected(RejectReason.EXCEEDS_LIMITS, unquoted(e.getOriginalMessage()));
        } catch (JacksonException e) {
            return new ParsedRecord.Rejected(RejectReason.MALFORMED_JSON, unquoted(e.getOriginalMessage()));
        }
        if (!envelope.wrapped() && (envelope.root() == null || !envelope.root().isObject())) {
            return new ParsedRecord.Rejected(RejectReason.NOT_AN_ENVELOPE, "the record value is not a JSON object");
        }
        JsonNode payload = envelope.payload();
        if (payload == null || !payload.isObject()) {
            return new ParsedRecord.Rejected(RejectReason.NOT_AN_ENVELOPE, "the payload is not a JSON object");
        }
        try {
            return parseEnvelope(payload, envelope.schema(), key);
        } catch (RuntimeException e) {
            // well-formed JSON whose values contradict their schema (a decimal that is not base64, a date that is
            // text, ...): one bad record must not stop its partition, so it is rejected like any other
            return new ParsedRecord.Rejected(RejectReason.UNDECODABLE_VALUE, e.getClass().getSimpleName() + ": "
                    + unquoted(e.getMessage()));
        }
    }

    /**
     * The fast path, for almost every record: a change whose schema block is cached, decoded straight from the bytes.
     * Null hands the record to the tree path below, which gives every other record (and every bad one) its outcome.
     */
    ParsedRecord decodeDirectly(byte[] key, byte[] value) {
        return decodeDirectly(key, value, 0, value.length);
    }

    /** {@link #decodeDirectly(byte[], byte[])} of the value in {@code value[from..end)}. */
    private ParsedRecord decodeDirectly(byte[] key, byte[] value, int from, int end) {
        EnvelopeReader.Known known = values.known(value, from, end);
        // before and after of different schemas: which one decodes a row depends on the whole payload
        if (known == null || known.schema().after() != known.schema().before()) {
            return null;
        }
        ConnectSchema rowSchema = known.schema().after();
        try (JsonParser parser = values.parserAt(value, known)) {
            PayloadDecoder.Payload payload = direct.payload(parser, rowSchema);
            String table = payload == null ? null : TableName.of(payload.source());
            if (table == null || !EnvelopeReader.endsAfter(value, known, parser)) {
                return null;
            }
            return new ParsedRecord.Event(ChangeEvent.fromSource(table, payload.op(), keys.parse(key), payload.before(), payload.after(), payload.source(),
                    rowSchema.columnTypes(), false));
        } catch (RuntimeException undecided) {
            return null;
        }
    }

    private ParsedRecord parseEnvelope(JsonNode payload, SchemaCache.Entry schema, byte[] key) {
        JsonNode opNode = payload.get("op");
        if (opNode == null || !opNode.isString()) {
            return NonChanges.classify(payload);
        }
        if (LOGICAL_MESSAGE.equals(opNode.stringValue())) {
            return new ParsedRecord.Skipped(SkipReason.LOGICAL_MESSAGE);
        }
        Op op = Op.fromCode(opNode.stringValue()).orElse(null);
        if (op == null) {
            return new ParsedRecord.Rejected(RejectReason.UNKNOWN_OP, "unknown op '" + opNode.stringValue() + "'");
        }
        JsonNode source = payload.get("source");
        String table = source == null ? null : TableName.of(source);
        if (table == null) {
            return new ParsedRecord.Rejected(RejectReason.MISSING_SOURCE,
                    "the envelope has no source block naming the table");
        }
        if (MongoEnvelope.isMongo(source)) {
            MongoEnvelope.Images images = mongo.images(payload);
            return new ParsedRecord.Event(ChangeEvent.fromSource(table, op, mongo.key(keys.parse(key)), images.before(), images.after(), source,
                    images.types(), images.partial()));
        }
        ConnectSchema rowSchema = payload.hasNonNull("after") ? schema.after() : schema.before();
        return new ParsedRecord.Event(ChangeEvent.fromSource(table, op, keys.parse(key), ValueDecoder.decodeRow(payload.get("before"), rowSchema),
                ValueDecoder.decodeRow(payload.get("after"), rowSchema), source, rowSchema.columnTypes(), false));
    }
}
