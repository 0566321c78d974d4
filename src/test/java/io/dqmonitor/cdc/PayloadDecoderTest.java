package io.dqmonitor.cdc;

import static io.dqmonitor.cdc.DebeziumEvents.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The direct path is the one real records take: without these, {@link BothPaths} could agree only because every
 * record fell back to the tree path.
 */
class PayloadDecoderTest {

    private final ChangeEventParser parser = new ChangeEventParser();

    @ParameterizedTest
    @ValueSource(strings = {"schema-create", "schema-update", "schema-delete", "schema-snapshot-read", "schema-truncate"})
    void aCapturedPostgresChangeWithItsSchemaCachedIsDecodedFromItsBytes(String fixture) {
        byte[] key = bytes(fixture + ".key");
        byte[] value = bytes(fixture + ".value");
        ParsedRecord first = parser.parse(key, value);

        assertThat(parser.decodeDirectly(key, value)).isNotNull().isEqualTo(first);
    }

    @Test
    void everyCapturedMariaDbChangeWithItsSchemaCachedIsDecodedFromItsBytes() throws IOException {
        List<byte[]> record = MariaDbTypes.captured();
        ParsedRecord first = parser.parse(record.get(0), record.get(1));

        assertThat(parser.decodeDirectly(record.get(0), record.get(1))).isNotNull().isEqualTo(first);
    }

    @Test
    void aValueWhoseSchemaIsNotCachedYetIsLeftToTheTreePath() {
        assertThat(parser.decodeDirectly(bytes("schema-create.key"), bytes("schema-create.value"))).isNull();
    }

    @Test
    void aDecimalThatIsNotBase64IsLeftToTheTreePath() {
        byte[] value = bytes("schema-update.value");
        parser.parse(null, value);
        String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
        byte[] odd = text.replace("\"price\":\"BfXg/w==\"", "\"price\":\"12.5\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(odd).isNotEqualTo(value);
        assertThat(parser.decodeDirectly(null, odd)).isNull();
    }

    @Test
    void anEnvelopeFieldWithAFractionOrExponentIsLeftToTheTreePath() {
        byte[] value = bytes("schema-create.value");
        parser.parse(null, value);
        String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
        // the envelope's own ts_ns, which neither path uses, with an exponent no BigDecimal holds
        byte[] odd = text.replaceFirst("(\"op\":\"c\",\"ts_ms\":\\d+,\"ts_us\":\\d+,\"ts_ns\":)\\d+",
                "$1" + "17955E1694278531672").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(odd).isNotEqualTo(value);
        assertThat(parser.decodeDirectly(null, odd)).isNull();
        assertThat(parser.parse(null, odd)).isInstanceOf(ParsedRecord.Rejected.class);
    }

    @Test
    void aSourceBlockIsReadIntoTheTreeReadTreeBuilds() {
        String source = """
                {"version":"3.7.0.Final","connector":"postgresql","ts_ms":1764000000000,"snapshot":"false","txId":42,
                 "lsn":9223372036854775807,"big":92233720368547758070,"fraction":1.50,"flag":true,"off":false,
                 "xmin":null,"nested":{"a":[1,2]},"sequence":"[\\"1\\",\\"2\\"]"}""";

        assertThat(flatTree(source)).isEqualTo(TREES.readTree(source));
    }

    @Test
    void aSourceBlockWithAFieldTwiceIsLeftToTheTreePath() {
        assertThat(flatTree("{\"table\":\"a\",\"table\":\"b\"}")).isNull();
    }

    private static final ObjectReader TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static Object flatTree(String json) {
        try (JsonParser parser = TREES.createParser(json)) {
            parser.nextToken();
            return new FlatTrees(TREES).read(parser);
        }
    }
}
