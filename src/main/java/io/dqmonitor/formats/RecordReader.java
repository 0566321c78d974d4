package io.dqmonitor.formats;

import java.nio.ByteBuffer;
import java.time.Duration;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.ParsedRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one Kafka record, in whichever format its converter wrote: decoded ({@link RecordDecoder}), then parsed
 * ({@link ChangeEventParser}). The one path from a record's bytes to what it was.
 */
public final class RecordReader {

    private static final Headers NONE = new RecordHeaders();

    private final RecordDecoder decoder;
    private final ChangeEventParser parser;

    public RecordReader(RecordDecoder decoder, ChangeEventParser parser) {
        this.decoder = decoder;
        this.parser = parser;
    }

    /** A reader of JSON records only (no registry): for tests and benchmarks. */
    public static RecordReader json(ChangeEventParser parser) {
        return withRegistry(new RegistryProperties(null, null, null, null, null, null, Duration.ofSeconds(5), 1, 1),
                parser);
    }

    /** A reader with the registries given, outside the application: for tests and benchmarks. */
    public static RecordReader withRegistry(RegistryProperties registries, ChangeEventParser parser) {
        return new RecordReader(RecordDecoder.create(registries, JsonMapper.builder().build(),
                new SimpleMeterRegistry()), parser);
    }

    /**
     * The outcome of one record. Total like the parser, but for {@link RegistryUnavailableException}: a registry
     * that must be asked and cannot answer, which the record's batch waits out.
     */
    public ParsedRecord read(String topic, Headers headers, byte[] key, ByteBuffer value) {
        RecordDecoder.Decoded decoded = decoder.decode(topic, headers == null ? NONE : headers, key, value);
        if (decoded instanceof RecordDecoder.Readable readable) {
            return parser.parse(readable.key(), readable.value());
        }
        return ((RecordDecoder.Undecodable) decoded).rejected();
    }
}
