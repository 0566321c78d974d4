package io.dqmonitor.cdc;

import static io.dqmonitor.cdc.DebeziumEvents.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.dqmonitor.cdc.ParsedRecord.RejectReason;
import io.dqmonitor.cdc.ParsedRecord.SkipReason;
import org.junit.jupiter.api.Test;

/** Parses records captured from a real Debezium 3.7 PostgreSQL connector (see src/test/resources/debezium-events). */
class ChangeEventParserTest {

    private final BothPaths parser = new BothPaths();

    @Test
    void createWithSchemasDecodesEveryColumnType() {
        ChangeEvent event = event("schema-create");

        assertThat(event.table()).isEqualTo("public.fixture");
        assertThat(event.op()).isEqualTo(Op.CREATE);
        assertThat(event.key()).isEqualTo(Map.of("id", 2L));
        assertThat(event.before()).isNull();
        assertThat(event.after())
                .containsEntry("qty", -1L)
                .containsEntry("price", new BigDecimal("-0.500"))
                .containsEntry("ratio", new BigDecimal("123.456789"))
                .containsEntry("d", "1969-12-31")
                .containsEntry("t", "00:00")
                .containsEntry("ts", "1969-12-31T23:59:59.999999")
                .containsEntry("tstz", "2024-05-31T22:00:00.000000Z")
                .containsEntry("flag", false)
                .containsEntry("note", "created");
        assertThat(event.sourceTimestamp()).isEqualTo(Instant.ofEpochMilli(1795541694084L));
        assertThat(event.position()).isEqualTo(Position.postgres(26648264L, 1696L));
    }

    @Test
    void decimalBytesUseTheScaleFromTheSchema() {
        assertThat(event("schema-update").after().get("price")).isEqualTo(new BigDecimal("99999.999"));
    }

    @Test
    void snapshotReadDecodesDatesTimesAndJson() {
        ChangeEvent event = event("schema-snapshot-read");

        assertThat(event.op()).isEqualTo(Op.READ);
        assertThat(event.after())
                .containsEntry("price", new BigDecimal("12.345"))
                .containsEntry("ratio", new BigDecimal("0.5"))
                .containsEntry("d", "2024-02-29")
                .containsEntry("t", "13:45:10.500")
                .containsEntry("ts", "2024-02-29T13:45:10.123456")
                .containsEntry("doc", new JsonText("{\"a\": [1, 2]}"));
    }

    @Test
    void columnTypesComeFromTheSchema() {
        assertThat(event("schema-create").columnTypes())
                .containsEntry("id", "int64")
                .containsEntry("price", "org.apache.kafka.connect.data.Decimal")
                .containsEntry("tstz", "io.debezium.time.ZonedTimestamp");
    }

    @Test
    void updateWithoutReplicaIdentityFullHasNoBeforeImage() {
        ChangeEvent event = event("schema-update");

        assertThat(event.op()).isEqualTo(Op.UPDATE);
        assertThat(event.before()).isNull();
        assertThat(event.after()).containsEntry("note", "updated");
    }

    @Test
    void deleteCarriesTheKeyColumnsInItsBeforeImage() {
        ChangeEvent event = event("schema-delete");

        assertThat(event.op()).isEqualTo(Op.DELETE);
        assertThat(event.after()).isNull();
        assertThat(event.before()).containsEntry("id", 2L).containsEntry("note", null);
    }

    @Test
    void truncateHasNeitherImageNorKey() {
        ChangeEvent event = event("schema-truncate");

        assertThat(event.op()).isEqualTo(Op.TRUNCATE);
        assertThat(event.before()).isNull();
        assertThat(event.after()).isNull();
        assertThat(event.key()).isNull();
        assertThat(event.table()).isEqualTo("public.fixture");
    }

    @Test
    void tombstoneIsSkipped() {
        assertThat(parser.parse(bytes("schema-tombstone.key"), null))
                .isEqualTo(new ParsedRecord.Skipped(SkipReason.TOMBSTONE));
    }

    @Test
    void withoutSchemasValuesAreTakenAsJsonGivesThem() {
        ChangeEvent event = event("plain-create");

        assertThat(event.table()).isEqualTo("public.fixture");
        assertThat(event.key()).isEqualTo(Map.of("id", 2L));
        assertThat(event.columnTypes()).isEmpty();
        // without a schema nothing says that these numbers are days and microseconds
        assertThat(event.after()).containsEntry("d", -1L).containsEntry("ts", -1L);
    }

    @Test
    void withoutSchemasAVariableScaleDecimalIsStillDecoded() {
        assertThat(event("plain-create").after()).containsEntry("ratio", new BigDecimal("123.456789"));
    }

    @Test
    void withoutSchemasAFixedScaleDecimalStaysAsTheConnectorWroteIt() {
        // bytes without their scale cannot be read back; decimal.handling.mode=string avoids this (README)
        assertThat(event("plain-create").after()).containsEntry("price", "/gw=");
    }

    @Test
    void withoutSchemasEveryOperationIsRecognised() {
        assertThat(event("plain-snapshot-read").op()).isEqualTo(Op.READ);
        assertThat(event("plain-update").op()).isEqualTo(Op.UPDATE);
        assertThat(event("plain-delete").op()).isEqualTo(Op.DELETE);
        assertThat(event("plain-truncate").op()).isEqualTo(Op.TRUNCATE);
    }

    @Test
    void decimalsGivenAsStringsOrNumbersAreExact() {
        ChangeEvent event = event(null, """
                {"op":"c","source":{"schema":"s","table":"t"},"after":{"a":"12.30","b":12.30,"c":7}}""");

        assertThat(event.after()).containsEntry("a", "12.30").containsEntry("b", new BigDecimal("12.30"))
                .containsEntry("c", 7L);
    }

    @Test
    void mysqlSourceNamesTheTableByDatabase() {
        assertThat(event(null, """
                {"op":"u","source":{"connector":"mysql","db":"shop","table":"orders","ts_ms":1},"after":{"id":1}}""")
                .table()).isEqualTo("shop.orders");
    }

    @Test
    void mongodbSourceNamesTheCollection() {
        assertThat(event(null, """
                {"op":"c","source":{"connector":"mongodb","db":"shop","collection":"carts"},"after":"{\\"_id\\": 1}"}""")
                .table()).isEqualTo("shop.carts");
    }

    @Test
    void malformedJsonIsRejected() {
        assertThat(rejection("{\"op\": \"c\", ")).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void emptyValueIsRejected() {
        assertThat(parser.parse(null, new byte[0])).isInstanceOf(ParsedRecord.Rejected.class)
                .extracting(r -> ((ParsedRecord.Rejected) r).reason()).isEqualTo(RejectReason.EMPTY_VALUE);
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertThat(rejection("[1, 2, 3]")).isEqualTo(RejectReason.NOT_AN_ENVELOPE);
    }

    @Test
    void unknownOpIsRejected() {
        assertThat(rejection("{\"op\":\"x\",\"source\":{\"schema\":\"s\",\"table\":\"t\"}}")).isEqualTo(RejectReason.UNKNOWN_OP);
    }

    @Test
    void missingSourceIsRejected() {
        assertThat(rejection("{\"op\":\"c\",\"after\":{\"id\":1}}")).isEqualTo(RejectReason.MISSING_SOURCE);
    }

    @Test
    void bytesThatAreNotJsonAreRejectedAsMalformed() {
        assertThat(parser.parse(null, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff}))
                .isInstanceOf(ParsedRecord.Rejected.class)
                .extracting(r -> ((ParsedRecord.Rejected) r).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void invalidUtf8InsideAStringIsRejectedAsMalformed() {
        byte[] value = utf8("{\"op\":\"c\",\"source\":{\"schema\":\"s\",\"table\":\"t\"},\"after\":{\"e\":\"??\"}}");
        int at = new String(value, StandardCharsets.UTF_8).indexOf("??");
        value[at] = (byte) 0xc3;
        value[at + 1] = (byte) 0x28;
        assertThat(parser.parse(null, value)).isInstanceOf(ParsedRecord.Rejected.class)
                .extracting(r -> ((ParsedRecord.Rejected) r).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsRejectedAsExceedingLimits() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(rejection("{\"op\":\"c\",\"source\":{\"schema\":\"s\",\"table\":\"t\"},\"after\":{\"x\":"
                + nested + "}}")).isEqualTo(RejectReason.EXCEEDS_LIMITS);
    }

    @Test
    void aDecimalThatIsNotBase64NorANumberIsRejectedAsUndecodable() {
        assertThat(rejection(withSchemaField("amount", """
                {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}""",
                "\"not a number\""))).isEqualTo(RejectReason.UNDECODABLE_VALUE);
    }

    @Test
    void aDateGivenAsTextIsRejectedAsUndecodable() {
        assertThat(rejection(withSchemaField("day", "{\"type\":\"int32\",\"name\":\"io.debezium.time.Date\"}",
                "\"yesterday\""))).isEqualTo(RejectReason.UNDECODABLE_VALUE);
    }

    @Test
    void anUnknownConnectorIsReadByTheCommonEnvelope() {
        ChangeEvent event = event(null, """
                {"op":"u","source":{"connector":"db2-fork","db":"shop","schema":"sales","table":"orders","ts_ms":1},
                 "before":{"id":1},"after":{"id":1,"total":3}}""");
        assertThat(event.table()).isEqualTo("sales.orders");
        assertThat(event.after()).containsEntry("total", 3L);
        assertThat(event.position()).isEqualTo(Position.NONE);
    }

    @Test
    void aMySqlChangeIsNamedDbDotTableWithItsBinlogPosition() {
        // the source block of Debezium's MySQL connector documentation, schemas off
        ChangeEvent event = event(null, """
                {"op":"c","before":null,"after":{"id":1004,"email":"annek@noanswer.org"},
                 "source":{"version":"3.6.1.Final","connector":"mysql","name":"mysql-server-1","ts_ms":1465581029100,
                 "snapshot":"false","db":"inventory","table":"customers","server_id":223344,"gtid":null,
                 "file":"mysql-bin.000003","pos":484,"row":0,"thread":7,"query":null},"ts_ms":1465581029523}""");
        assertThat(event.table()).isEqualTo("inventory.customers");
        assertThat(event.position()).isEqualTo(new Position.Binlog("mysql", 223344L, null, "mysql-bin.000003", 484L, 0L));
        assertThat(event.sourceTimestamp()).isEqualTo(Instant.ofEpochMilli(1465581029100L));
    }

    @Test
    void heartbeatCarriesItsTime() {
        assertThat(parser.parse(null, utf8("{\"schema\":{\"type\":\"struct\"},\"payload\":{\"ts_ms\":1700000000000}}")))
                .isEqualTo(new ParsedRecord.Heartbeat(Instant.ofEpochMilli(1700000000000L)));
    }

    @Test
    void transactionMarkerIsSkipped() {
        assertThat(parser.parse(null, utf8("{\"status\":\"BEGIN\",\"id\":\"571:53195832\",\"event_count\":null}")))
                .isEqualTo(new ParsedRecord.Skipped(SkipReason.TRANSACTION_METADATA));
    }

    @Test
    void aDecimalWhoseScaleIsNotANumberIsRejectedAsInvalidSchema() {
        assertThat(rejection(withSchemaField("amount", """
                {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"two"}}""",
                "\"AQ==\""))).isEqualTo(RejectReason.INVALID_SCHEMA);
    }

    @Test
    void aDecimalWhoseScaleIsAnObjectIsRejectedAsInvalidSchema() {
        assertThat(rejection(withSchemaField("amount", """
                {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":{"x":1}}}""",
                "\"AQ==\""))).isEqualTo(RejectReason.INVALID_SCHEMA);
    }

    @Test
    void aStructFieldWithoutANameIsRejectedAsInvalidSchema() {
        assertThat(rejection("""
                {"schema":{"type":"struct","fields":[{"type":"struct","field":"after","fields":[{"type":"int32"}]}]},
                 "payload":{"op":"c","source":{"schema":"s","table":"t"},"after":{"id":1}}}"""))
                .isEqualTo(RejectReason.INVALID_SCHEMA);
    }

    @Test
    void anAfterStructWithoutAFieldListIsRejectedAsInvalidSchema() {
        // decoded without its schema, every value would pass as schemaless and the change count as valid
        String record = """
                {"schema":{"type":"struct","fields":[{"type":"struct","optional":true,"field":"before"},
                  {"type":"struct","optional":true,"field":"after"}]},
                 "payload":{"op":"c","source":{"schema":"s","table":"t"},"after":{"id":1}}}""";
        assertThat(rejection(record)).isEqualTo(RejectReason.INVALID_SCHEMA);
        assertThat(rejection(record)).isEqualTo(RejectReason.INVALID_SCHEMA);
    }

    @Test
    void aTableNameBeyondTheBoundIsCutToAnExcerptOnBothPaths() {
        String table = "t" + "0123456789".repeat(300);
        ChangeEvent event = event(null, "{\"op\":\"c\",\"source\":{\"schema\":\"s\",\"table\":\"" + table
                + "\"},\"after\":{\"id\":1}}");

        assertThat(event.table()).startsWith("s.t0123").endsWith("… (3003 characters)").hasSizeLessThan(190);
    }

    @Test
    void controlCharactersInATableNameAreShownAsQuestionMarks() {
        ChangeEvent event = event(null, "{\"op\":\"c\",\"source\":{\"schema\":\"s\",\"table\":\"t\\r\\nINFO forged"
                + "\\u0000\"},\"after\":{\"id\":1}}");

        assertThat(event.table()).isEqualTo("s.t??INFO forged?");
    }

    @Test
    void anInvalidSchemaSeenBeforeIsRejectedAgain() {
        String record = withSchemaField("amount", """
                {"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"x"}}""",
                "\"AQ==\"");
        rejection(record);
        assertThat(rejection(record)).isEqualTo(RejectReason.INVALID_SCHEMA);
    }

    @Test
    void aKeyWithAnInvalidSchemaIsKeptAsText() {
        String key = """
                {"schema":{"type":"struct","fields":[{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                 "parameters":{"scale":"?"},"field":"id"}]},"payload":{"id":"AQ=="}}""";
        ChangeEvent event = event(utf8(key), "{\"op\":\"c\",\"source\":{\"schema\":\"s\",\"table\":\"t\"},"
                + "\"after\":{\"id\":1}}");
        assertThat(event.key()).containsEntry("key", new OpaqueKey(key));
    }

    @Test
    void aLogicalDecodingMessageIsSkipped() {
        assertThat(parser.parse(utf8("{\"prefix\":\"audit\"}"), utf8("""
                {"op":"m","ts_ms":1700000000000,"source":{"connector":"postgresql","name":"monitoring_server",
                 "ts_ms":1700000000000,"db":"monitoring","schema":"","table":"","txId":null,"lsn":26648264},
                 "message":{"prefix":"audit","content":"aGVsbG8="}}""")))
                .isEqualTo(new ParsedRecord.Skipped(SkipReason.LOGICAL_MESSAGE));
    }

    /** A wrapped create of table s.t whose only column has the given Connect schema and JSON value. */
    private static String withSchemaField(String column, String fieldSchema, String value) {
        String field = fieldSchema.strip();
        return """
                {"schema":{"type":"struct","fields":[
                  {"type":"struct","field":"after","fields":[%s]}]},
                 "payload":{"op":"c","source":{"schema":"s","table":"t"},"after":{"%s":%s}}}"""
                .formatted(field.substring(0, field.length() - 1) + ",\"field\":\"" + column + "\"}", column, value);
    }

    private RejectReason rejection(String value) {
        ParsedRecord parsed = parser.parse(null, utf8(value));
        assertThat(parsed).isInstanceOf(ParsedRecord.Rejected.class);
        return ((ParsedRecord.Rejected) parsed).reason();
    }

    private ChangeEvent event(String fixture) {
        return event(bytes(fixture + ".key"), new String(bytes(fixture + ".value"), StandardCharsets.UTF_8));
    }

    private ChangeEvent event(byte[] key, String value) {
        ParsedRecord parsed = parser.parse(key, utf8(value));
        assertThat(parsed).isInstanceOf(ParsedRecord.Event.class);
        return ((ParsedRecord.Event) parsed).event();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
