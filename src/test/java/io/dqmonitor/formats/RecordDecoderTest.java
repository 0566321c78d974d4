package io.dqmonitor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.formats.RegistryProperties.Framing;
import io.dqmonitor.stack.Ports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Framing and routing on hand-made frames; decoding real converter output is {@code system.AvroTopicsIT}'s. */
class RecordDecoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RecordDecoder decoder(RegistryProperties properties) {
        Registries registries = new Registries(properties, JSON);
        AvroSchemas schemas = new AvroSchemas(10, 1_000_000, JsonMapper.builder().build());
        return new RecordDecoder(registries, schemas, new RegistryMetrics(new SimpleMeterRegistry(), schemas,
                registries.names()), JSON);
    }

    private static RegistryProperties registry(String url, Map<String, RegistryProperties.Registry> others) {
        return new RegistryProperties(url, null, null, null, null, others, Duration.ofSeconds(2), 10, 1_000_000);
    }

    private static String unreachable() {
        return "http://127.0.0.1:" + Ports.free();
    }

    @Test
    void jsonPassesAsItIsWithoutAnyRegistry() {
        ByteBuffer value = ByteBuffer.wrap("{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8));
        byte[] key = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

        RecordDecoder.Decoded decoded = decoder(registry(null, null)).decode("t", new RecordHeaders(), key, value);

        assertThat(decoded).isEqualTo(new RecordDecoder.Readable(key, value));
        assertThat(((RecordDecoder.Readable) decoded).value()).isSameAs(value);
    }

    @Test
    void aFramedRecordWithNoRegistryConfiguredIsUndecodableAndSaysWhatToSet() {
        RecordDecoder.Decoded decoded = decoder(registry(null, null)).decode("t", new RecordHeaders(), null,
                ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2}));

        assertThat(decoded).isInstanceOfSatisfying(RecordDecoder.Undecodable.class, u -> {
            assertThat(u.rejected().reason()).isEqualTo(RejectReason.UNDECODABLE_VALUE);
            assertThat(u.rejected().detail()).contains("dq.registry.url");
        });
    }

    @Test
    void aFrameTooShortForItsIdIsUndecodable() {
        RecordDecoder.Decoded decoded = decoder(registry(unreachable(), null)).decode("t", new RecordHeaders(), null,
                ByteBuffer.wrap(new byte[] {0, 0, 1}));

        assertThat(decoded).isInstanceOfSatisfying(RecordDecoder.Undecodable.class,
                u -> assertThat(u.rejected().detail()).contains("too short"));
    }

    @Test
    void aRegistryThatDoesNotAnswerIsTransient() {
        RecordDecoder decoder = decoder(registry(unreachable(), null));

        assertThatThrownBy(() -> decoder.decode("t", new RecordHeaders(), null,
                ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2}))).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("default");
    }

    @Test
    void aTopicGoesToTheRegistryItsPatternNamesAndItsFraming() {
        Registries registries = new Registries(registry(unreachable(), Map.of("orders", new RegistryProperties.Registry(
                unreachable(), Pattern.compile("shop\\..*"), Framing.APICURIO_GLOBAL_ID, null, null, null))), JSON);

        assertThat(registries.idInFrame("shop.public.orders", ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 9})))
                .isEqualTo(new SchemaId("orders", SchemaId.Kind.GLOBAL, 9));
        assertThat(registries.idInFrame("monitoring.public.t", ByteBuffer.wrap(new byte[] {0, 0, 0, 9})))
                .isEqualTo(new SchemaId(Registries.DEFAULT, SchemaId.Kind.CONFLUENT, 9));
    }

    @Test
    void aGlobalIdInHeadersCannotBeServedByConfluentsApi() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RecordDecoder.VALUE_GLOBAL_ID, ByteBuffer.allocate(8).putLong(0, 5).array());

        RecordDecoder.Decoded decoded = decoder(registry(unreachable(), null)).decode("t", headers, null,
                ByteBuffer.wrap(new byte[] {2, 4}));

        assertThat(decoded).isInstanceOfSatisfying(RecordDecoder.Undecodable.class,
                u -> assertThat(u.rejected().detail()).contains("apicurio-global-id"));
    }

    @Test
    void anIdHeaderOfTheWrongSizeIsUndecodable() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RecordDecoder.VALUE_CONTENT_ID, new byte[] {1, 2});

        RecordDecoder.Decoded decoded = decoder(registry(unreachable(), null)).decode("t", headers, null,
                ByteBuffer.wrap(new byte[] {2, 4}));

        assertThat(decoded).extracting(d -> ((RecordDecoder.Undecodable) d).rejected())
                .isEqualTo(new ParsedRecord.Rejected(RejectReason.UNDECODABLE_VALUE,
                        "header apicurio.value.contentId is not an 8-byte id"));
    }
}
