package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;

import tools.jackson.databind.json.JsonMapper;

/**
 * Parses every record the way the service does and, beside it, with trees only (the parser before records were
 * decoded from their bytes), and fails unless both give the same outcome. Each parser reads the record twice, so that
 * the second time its schema is cached and the service's parser takes the direct path wherever it can. The service's
 * parser reads it a third time as the consumer hands it over: a view of part of a larger buffer.
 */
final class BothPaths {

    private final ChangeEventParser direct = new ChangeEventParser();
    private final ChangeEventParser trees = new ChangeEventParser(JsonMapper.builder().build(), false);

    ParsedRecord parse(byte[] key, byte[] value) {
        // each parser twice: a record's schema may be new to its caches the first time, and cached the second
        assertThat(direct.parse(key, value)).as("first parse").isEqualTo(trees.parse(key, value));
        ParsedRecord cached = direct.parse(key, value);
        assertThat(cached).as("parse with the schema cached").isEqualTo(trees.parse(key, value));
        assertThat(direct.parse(key, inFetchBuffer(value))).as("parse of a view of a fetch buffer").isEqualTo(cached);
        return cached;
    }

    /**
     * The value as Kafka's {@code ByteBufferDeserializer} hands it over: a view of part of the fetched bytes, between
     * other bytes (closing braces, which a reader that overran the view would take for the end of the value), its
     * array offset and its position not zero.
     */
    static ByteBuffer inFetchBuffer(byte[] value) {
        if (value == null) {
            return null;
        }
        byte[] fetched = new byte[value.length + 23];
        Arrays.fill(fetched, (byte) '}');
        System.arraycopy(value, 0, fetched, 11, value.length);
        ByteBuffer view = ByteBuffer.wrap(fetched, 5, fetched.length - 5).slice();
        return view.position(6).limit(6 + value.length);
    }
}
