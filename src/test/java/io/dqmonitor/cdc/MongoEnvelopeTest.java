package io.dqmonitor.cdc;

import static io.dqmonitor.cdc.MongoEnvelopes.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.MongoEnvelopes.Change;
import org.junit.jupiter.api.Test;

/** The Debezium MongoDB connector's envelopes, as documented, decoded to flat documents with exact values. */
class MongoEnvelopeTest {

    private static final String RELAXED = """
            {"_id": 1004, "name": "Anne", "age": 31, "balance": 12.50, "vip": true,
             "address": {"city": "Oslo", "zip": "0150", "geo": {"lat": 59.9}},
             "tags": ["a", "b"], "joined": {"$date": "2024-05-01T10:00:00Z"}, "empty": {}}""";
    private static final String CANONICAL = """
            {"_id": {"$oid": "596e275826f08b2730779e1f"}, "age": {"$numberInt": "31"},
             "visits": {"$numberLong": "9007199254740993"}, "balance": {"$numberDouble": "12.5"},
             "price": {"$numberDecimal": "19.990"}, "joined": {"$date": {"$numberLong": "1714557600000"}},
             "address": {"city": "Oslo"}}""";

    @Test
    void aCreateInRelaxedJsonIsAFlatDocumentOfDottedPaths() {
        ChangeEvent event = parse(Change.create(RELAXED));

        assertThat(event.table()).isEqualTo("shop.customers");
        assertThat(event.op()).isEqualTo(Op.CREATE);
        assertThat(event.key()).isEqualTo(Map.of("_id", 1004L));
        Map<String, Object> expected = new HashMap<>();
        expected.put("_id", 1004L);
        expected.put("name", "Anne");
        expected.put("age", 31L);
        expected.put("balance", new BigDecimal("12.50"));
        expected.put("vip", true);
        expected.put("address.city", "Oslo");
        expected.put("address.zip", "0150");
        expected.put("address.geo.lat", new BigDecimal("59.9"));
        expected.put("tags", List.of("a", "b"));
        expected.put("joined", "2024-05-01T10:00:00Z");
        expected.put("empty", Map.of());
        assertThat(event.after()).isEqualTo(expected);
        assertThat(event.before()).isNull();
        assertThat(event.partial()).isFalse();
        assertThat(event.columnTypes()).containsEntry("address.geo.lat", "number").containsEntry("joined", "date")
                .containsEntry("tags", "array").containsEntry("empty", "object").hasSize(11);
    }

    @Test
    void aCreateInCanonicalJsonKeepsEveryNumericTypeExactly() {
        ChangeEvent event = parse(Change.create(CANONICAL));

        assertThat(event.after()).isEqualTo(Map.of("_id", "596e275826f08b2730779e1f", "age", 31L,
                "visits", 9007199254740993L, "balance", new BigDecimal("12.5"), "price", new BigDecimal("19.990"),
                "joined", "2024-05-01T10:00:00Z", "address.city", "Oslo"));
        assertThat(event.columnTypes()).isEqualTo(Map.of("_id", "objectId", "age", "int32", "visits", "int64",
                "balance", "double", "price", "decimal128", "joined", "date", "address.city", "string"));
    }

    @Test
    void anUpdateWithTheFullDocumentAndAPreImageHasBothWholeImages() {
        ChangeEvent event = parse(MongoEnvelopes.update("{\"_id\": 1004, \"name\": \"Anne Marie\"}",
                "{\"name\": \"Anne Marie\"}", null).withBefore("{\"_id\": 1004, \"name\": \"Anne\"}"));

        assertThat(event.op()).isEqualTo(Op.UPDATE);
        assertThat(event.before()).isEqualTo(Map.of("_id", 1004L, "name", "Anne"));
        assertThat(event.after()).isEqualTo(Map.of("_id", 1004L, "name", "Anne Marie"));
        assertThat(event.partial()).isFalse();
    }

    @Test
    void anUpdateWithoutTheFullDocumentIsAPartialImageOfWhatItSetAndRemoved() {
        ChangeEvent event = parse(MongoEnvelopes.update(null,
                "{\"address.city\": \"Bergen\", \"profile\": {\"level\": {\"$numberInt\": \"2\"}}}", List.of("email")));

        Map<String, Object> expected = new HashMap<>();
        expected.put("address.city", "Bergen");
        expected.put("profile.level", 2L);
        expected.put("email", null);
        assertThat(event.after()).isEqualTo(expected);
        assertThat(event.partial()).isTrue();
        assertThat(event.before()).isNull();
        assertThat(event.columnTypes()).isEmpty();
    }

    @Test
    void aDeleteCarriesThePreImageWhenTheConnectorCapturesOne() {
        assertThat(parse(MongoEnvelopes.delete("{\"_id\": 1004, \"name\": \"Anne\"}")).before())
                .isEqualTo(Map.of("_id", 1004L, "name", "Anne"));
        ChangeEvent withoutPreImage = parse(MongoEnvelopes.delete(null));
        assertThat(withoutPreImage.op()).isEqualTo(Op.DELETE);
        assertThat(withoutPreImage.before()).isNull();
        assertThat(withoutPreImage.after()).isNull();
        assertThat(withoutPreImage.key()).isEqualTo(Map.of("_id", 1004L));
    }

    @Test
    void theTombstoneAfterADeleteIsSkipped() {
        assertThat(new BothPaths().parse(MongoEnvelopes.key("1004"), null))
                .isEqualTo(new ParsedRecord.Skipped(ParsedRecord.SkipReason.TOMBSTONE));
    }

    @Test
    void keysOfEveryIdTypeDecodeToTheIdValue() {
        BothPaths parser = new BothPaths();
        byte[] value = MongoEnvelopes.value(Change.create("{\"_id\": 1}"), 1);
        assertThat(keyOf(parser.parse(MongoEnvelopes.key("\"1234\""), value))).isEqualTo(Map.of("_id", "1234"));
        assertThat(keyOf(parser.parse(MongoEnvelopes.key("{\"$oid\": \"596e275826f08b2730779e1f\"}"), value)))
                .isEqualTo(Map.of("_id", "596e275826f08b2730779e1f"));
        assertThat(keyOf(parser.parse(MongoEnvelopes.key("{\"$numberLong\": \"1004\"}"), value)))
                .isEqualTo(Map.of("_id", 1004L));
    }

    @Test
    void thePositionIsTheOplogTimeOrdinalAndTransaction() {
        ChangeEvent event = parse(Change.create("{\"_id\": 1}").inTransaction(7));

        assertThat(event.position()).isInstanceOf(Position.Oplog.class);
        assertThat(event.position().text()).startsWith("sec=1764000000;ord=1;txnNumber=7;lsid=");
        assertThat(event.position().transaction()).endsWith(":7");
        assertThat(event.sourceTimestamp()).isEqualTo(Instant.ofEpochMilli(1_764_000_000_000L));
        assertThat(parse(Change.create("{\"_id\": 1}")).position().transaction()).isNull();
    }

    private static Map<String, Object> keyOf(ParsedRecord parsed) {
        return ((ParsedRecord.Event) parsed).event().key();
    }
}
