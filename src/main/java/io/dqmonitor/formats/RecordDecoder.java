package io.dqmonitor.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.dqmonitor.cdc.Bytes;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a record's key and value into what the change-event parser reads, whatever the converter that wrote them:
 * JSON passes as it is; Avro framed by a schema registry is decoded with its schema and rewritten as the JSON
 * converter would have written the same change (see {@link ConnectJson}).
 */
public final class RecordDecoder {

    /** Apicurio's converter, headers on, names the value's schema here (an 8-byte id) and writes bare Avro. */
    static final String VALUE_GLOBAL_ID = "apicurio.value.globalId";
    static final String VALUE_CONTENT_ID = "apicurio.value.contentId";
    static final String KEY_GLOBAL_ID = "apicurio.key.globalId";
    static final String KEY_CONTENT_ID = "apicurio.key.contentId";
    private static final byte[] SCHEMA = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    /** What the parser gets, or why the record cannot be decoded. */
    public sealed interface Decoded {
    }

    public record Readable(byte[] key, ByteBuffer value) implements Decoded {
    }

    public record Undecodable(ParsedRecord.Rejected rejected) implements Decoded {
    }

    private final Registries registries;
    private final AvroSchemas schemas;
    private final RegistryMetrics metrics;
    private final JsonMapper json;

    RecordDecoder(Registries registries, AvroSchemas schemas, RegistryMetrics metrics, JsonMapper json) {
        this.registries = registries;
        this.schemas = schemas;
        this.metrics = metrics;
        this.json = json;
    }

    /** A decoder over the registries configured, with its schema cache and meters. */
    static RecordDecoder create(RegistryProperties properties, JsonMapper json, MeterRegistry meters) {
        Registries registries = new Registries(properties, json);
        AvroSchemas schemas = new AvroSchemas(properties.maxSchemas(), properties.maxSchemaCharacters(), json);
        return new RecordDecoder(registries, schemas, new RegistryMetrics(meters, schemas, registries.names()), json);
    }

    /**
     * The record's key and value as JSON. Throws {@link RegistryUnavailableException} when a registry must be asked
     * and cannot answer: the record is fine, the batch is to be retried.
     */
    public Decoded decode(String topic, Headers headers, byte[] key, ByteBuffer value) {
        try {
            return new Readable(key == null ? null : Bytes.of(decode(topic, headers, ByteBuffer.wrap(key), true)),
                    value == null ? null : decode(topic, headers, value, false));
        } catch (UndecodableRecordException e) {
            return new Undecodable(new ParsedRecord.Rejected(RejectReason.UNDECODABLE_VALUE, e.getMessage()));
        }
    }

    private ByteBuffer decode(String topic, Headers headers, ByteBuffer bytes, boolean isKey) {
        Header globalId = headers.lastHeader(isKey ? KEY_GLOBAL_ID : VALUE_GLOBAL_ID);
        Header contentId = headers.lastHeader(isKey ? KEY_CONTENT_ID : VALUE_CONTENT_ID);
        if (globalId != null || contentId != null) {
            Header named = globalId != null ? globalId : contentId;
            return avro(registries.idInHeader(topic, globalId != null, headerId(named)), bytes.duplicate());
        }
        if (!bytes.hasRemaining() || bytes.get(bytes.position()) != 0) {
            // JSON, or something that is not a registry's frame: the parser says which
            return bytes;
        }
        ByteBuffer frame = bytes.duplicate();
        frame.get();
        SchemaId id = registries.idInFrame(topic, frame);
        return avro(id, frame);
    }

    private ByteBuffer avro(SchemaId id, ByteBuffer avro) {
        AvroSchemas.Parsed parsed = schemas.get(id, this::fetch);
        Object datum;
        try {
            byte[] raw = avro.hasArray() ? avro.array() : Bytes.of(avro);
            int offset = avro.hasArray() ? avro.arrayOffset() + avro.position() : 0;
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(raw, offset, avro.remaining(), null);
            datum = parsed.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableRecordException("the Avro of " + id + " has bytes left over: the schema does not fit");
            }
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException
                 | NegativeArraySizeException e) {
            throw new UndecodableRecordException("the record does not decode with " + id + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return envelope(parsed.connectSchemaOrThrow(), json.writeValueAsBytes(ConnectJson.payload(parsed.schema(), datum)));
    }

    /** {@code {"schema":…,"payload":…}}, the schema's JSON written once per schema rather than once per record. */
    private static ByteBuffer envelope(byte[] schema, byte[] payload) {
        ByteBuffer envelope = ByteBuffer.allocate(SCHEMA.length + schema.length + PAYLOAD.length + payload.length + 1);
        envelope.put(SCHEMA).put(schema).put(PAYLOAD).put(payload).put((byte) '}');
        return envelope.flip();
    }

    private String fetch(SchemaId id) {
        Optional<String> schema;
        try {
            schema = registries.client(id.registry()).schema(id);
        } catch (RegistryUnavailableException e) {
            metrics.fetched(id.registry(), RegistryMetrics.FAILED);
            throw e;
        }
        metrics.fetched(id.registry(), schema.isPresent() ? RegistryMetrics.FOUND : RegistryMetrics.NOT_FOUND);
        return schema.orElseThrow(() -> new UndecodableRecordException("no schema has the " + id));
    }

    private static long headerId(Header header) {
        byte[] value = header.value();
        if (value == null || value.length != Long.BYTES) {
            throw new UndecodableRecordException("header " + header.key() + " is not an 8-byte id");
        }
        return ByteBuffer.wrap(value).getLong();
    }
}
