package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema block is decoded once per distinct schema, and every record still reads as it would as one tree. */
class EnvelopeReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EnvelopeReader reader = new EnvelopeReader(JSON);

    @ParameterizedTest
    @ValueSource(strings = {"schema-create", "schema-update", "schema-delete", "schema-snapshot-read", "schema-truncate"})
    void aRecordReadsAsItsTreeWouldTheFirstTimeAndAgain(String fixture) {
        String value = fixture(fixture + ".value.json");
        JsonNode tree = JSON.readTree(value);

        for (int time = 0; time < 2; time++) {
            EnvelopeReader.Envelope envelope = reader.read(bytes(value));
            assertThat(envelope.wrapped()).isTrue();
            assertThat(envelope.payload()).isEqualTo(tree.get("payload"));
            assertThat(envelope.schema()).isEqualTo(SchemaCache.Entry.of(tree.get("schema")));
        }
    }

    @Test
    void aSchemaSeenBeforeIsTheSameDecodedSchema() {
        SchemaCache.Entry create = reader.read(bytes(fixture("schema-create.value.json"))).schema();
        SchemaCache.Entry update = reader.read(bytes(fixture("schema-update.value.json"))).schema();

        assertThat(update).isSameAs(create);
    }

    @Test
    void aChangedSchemaIsDecodedAnew() {
        String value = fixture("schema-create.value.json");
        reader.read(bytes(value));

        EnvelopeReader.Envelope renamed = reader.read(bytes(value.replace("\"field\":\"note\"", "\"field\":\"remark\"")));

        assertThat(renamed.schema().after().columnTypes()).containsKey("remark").doesNotContainKey("note");
    }

    @Test
    void theCacheKeepsAtMostItsCapacity() {
        String value = fixture("schema-create.value.json");
        SchemaCache cache = new SchemaCache(JSON);
        for (int i = 0; i < SchemaCache.CAPACITY + 5; i++) {
            byte[] schema = bytes(JSON.readTree(value).get("schema").toString().replace("\"field\":\"note\"",
                    "\"field\":\"note" + i + "\""));
            cache.get(schema, 0, schema.length);
        }

        assertThat(cache.size()).isEqualTo(SchemaCache.CAPACITY);
    }

    @Test
    void spacesAndAnotherOrderReadTheSame() {
        JsonNode tree = JSON.readTree(fixture("schema-create.value.json"));
        String payloadFirst = "{ \"payload\": " + tree.get("payload") + ",\n \"schema\": " + tree.get("schema") + " }";

        EnvelopeReader.Envelope envelope = reader.read(bytes(payloadFirst));

        assertThat(envelope.wrapped()).isTrue();
        assertThat(envelope.payload()).isEqualTo(tree.get("payload"));
        assertThat(envelope.schema().after()).isEqualTo(ConnectSchema.ofEnvelopeField(tree.get("schema"), "after"));
    }

    @Test
    void aThirdFieldMeansNoWrapper() {
        JsonNode tree = JSON.readTree(fixture("schema-create.value.json"));
        String value = "{\"schema\":" + tree.get("schema") + ",\"payload\":" + tree.get("payload") + ",\"extra\":1}";

        EnvelopeReader.Envelope envelope = reader.read(bytes(value));

        assertThat(envelope.wrapped()).isFalse();
        assertThat(envelope.payload()).isEqualTo(JSON.readTree(value));
    }

    @Test
    void withoutSchemasTheRecordIsThePayload() {
        String value = fixture("plain-create.value.json");

        EnvelopeReader.Envelope envelope = reader.read(bytes(value));

        assertThat(envelope.wrapped()).isFalse();
        assertThat(envelope.payload()).isEqualTo(JSON.readTree(value));
        assertThat(envelope.schema()).isEqualTo(SchemaCache.Entry.NONE);
    }

    @Test
    void bytesAfterARecordWithAKnownSchemaAreMalformed() {
        String value = fixture("schema-create.value.json");
        reader.read(bytes(value));

        for (String trailing : List.of("}", "x", ",{}")) {
            assertThatThrownBy(() -> reader.read(bytes(value + trailing))).as(trailing)
                    .isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void aBrokenPayloadAfterAKnownSchemaIsMalformed() {
        String value = fixture("schema-create.value.json");
        reader.read(bytes(value));

        assertThatThrownBy(() -> reader.read(bytes(value.replace("\"op\":\"c\"", "\"op\":\"c"))))
                .isInstanceOf(JacksonException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String fixture(String name) {
        try (InputStream in = EnvelopeReaderTest.class.getResourceAsStream("/debezium-events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
