package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.formats.RecordReader;
import io.dqmonitor.formats.RegistryProperties;
import io.dqmonitor.stack.AvroConverters;
import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.Kafka;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Avro path on real parts: three Debezium connectors capture the same table, one through Kafka Connect's JSON
 * converter and two through Apicurio's Avro converter into the real schema registry, one in Confluent's framing and
 * one in Apicurio's own (the ids in headers). Every kind of record the parser's captured events cover (snapshot
 * reads, create, update, delete, tombstone, truncate) must read as the same change from all three topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroTopicsIT {

    private static final String TABLE = "public.format_activities";
    private static final String JSON_TOPIC = "monitoring_fmtjson." + TABLE;
    private static final String AVRO_TOPIC = "monitoring_fmtavro." + TABLE;
    private static final String APICURIO_TOPIC = "monitoring_fmtapicurio." + TABLE;
    /** Two snapshot reads, a create, an update, a delete and its tombstone, a truncate. */
    private static final int RECORDS = 7;

    private final EmbeddedStack stack = SharedStack.get();
    private EmbeddedSchemaRegistry registry;

    @BeforeAll
    void captureOneTableInBothFormats() throws Exception {
        registry = stack.startSchemaRegistry(Ports.free());
        try (Connection db = stack.connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE " + TABLE + " (LIKE public.user_activities INCLUDING ALL)");
            sql.execute("ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL");
            sql.execute("INSERT INTO " + TABLE + " (id, user_id, activity_type, amount, email, details, created_at)"
                    + " VALUES (1, 41, 'login', 12.50, 'a@example.org', '{\"k\": [1, 2]}', '2026-12-01 10:00:00+00'),"
                    + " (2, 42, 'purchase', -0.01, NULL, NULL, '2026-12-01 11:00:00.123456+00')");
        }
        stack.registerPostgresConnector("format-json-connector", connector("fmtjson"));
        Map<String, String> avro = connector("fmtavro");
        avro.putAll(AvroConverters.confluent(registry));
        stack.registerPostgresConnector("format-avro-connector", avro);
        Map<String, String> apicurio = connector("fmtapicurio");
        apicurio.putAll(AvroConverters.apicurio(registry));
        stack.registerPostgresConnector("format-apicurio-connector", apicurio);
        try (Connection db = stack.connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO " + TABLE + " (id, user_id, activity_type, amount, details)"
                    + " VALUES (3, 43, 'refund', 99999999.99, '[]')");
            sql.execute("UPDATE " + TABLE + " SET amount = 1.10, email = 'b@example.org' WHERE id = 1");
            sql.execute("DELETE FROM " + TABLE + " WHERE id = 2");
            sql.execute("TRUNCATE " + TABLE);
        }
    }

    private static Map<String, String> connector(String name) {
        // no heartbeats: the other tests' services read every heartbeat topic, and have no registry
        return new LinkedHashMap<>(Map.of(
                "topic.prefix", "monitoring_" + name,
                "table.include.list", TABLE,
                "slot.name", "dq_" + name + "_slot",
                "publication.name", "dq_" + name + "_publication",
                "heartbeat.interval.ms", "0"));
    }

    @Test
    void avroRecordsAreFramedAsTheirConverterWasSetUp() {
        ConsumerRecord<byte[], byte[]> confluent = records(AVRO_TOPIC).get(0);
        assertThat(confluent.value()[0]).isZero();
        assertThat(confluent.key()[0]).isZero();
        ConsumerRecord<byte[], byte[]> apicurio = records(APICURIO_TOPIC).get(0);
        assertThat(apicurio.headers().lastHeader("apicurio.value.globalId").value()).hasSize(8);
        assertThat(apicurio.headers().lastHeader("apicurio.key.globalId").value()).hasSize(8);
    }

    @Test
    void everyKindOfRecordReadsAsTheSameChangeInBothFormats() {
        RecordReader json = RecordReader.json(new ChangeEventParser());
        RecordReader avro = reader(registry.confluentUrl());
        RecordReader apicurio = RecordReader.withRegistry(new RegistryProperties(registry.url(),
                RegistryProperties.Framing.APICURIO_GLOBAL_ID, null, null, null, null, Duration.ofSeconds(5), 100, 1_000_000),
                new ChangeEventParser());
        List<ParsedRecord> fromJson = read(json, JSON_TOPIC);
        List<ParsedRecord> fromAvro = read(avro, AVRO_TOPIC);
        List<ParsedRecord> fromApicurio = read(apicurio, APICURIO_TOPIC);
        assertThat(fromJson).hasSize(RECORDS);
        assertThat(fromAvro).hasSize(RECORDS);
        assertThat(fromApicurio).hasSize(RECORDS);
        assertThat(fromJson).extracting(AvroTopicsIT::kind).containsExactly("READ", "READ", "CREATE", "UPDATE",
                "DELETE", "Skipped[reason=TOMBSTONE]", "TRUNCATE");
        for (int i = 0; i < RECORDS; i++) {
            assertThat(comparable(fromAvro.get(i))).as("record " + i).isEqualTo(comparable(fromJson.get(i)));
            assertThat(comparable(fromApicurio.get(i))).as("record " + i).isEqualTo(comparable(fromJson.get(i)));
        }
    }

    @Test
    void anUnknownSchemaIdOrBytesThatDoNotFitTheirSchemaAreUndecodableForGood() {
        RecordReader avro = reader(registry.confluentUrl());
        byte[] real = records(AVRO_TOPIC).get(2).value();
        byte[] unknownId = real.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 999_999);
        byte[] cut = java.util.Arrays.copyOf(real, real.length - 3);
        byte[] longer = java.util.Arrays.copyOf(real, real.length + 2);

        assertThat(avro.read(AVRO_TOPIC, null, null, ByteBuffer.wrap(unknownId))).isEqualTo(new ParsedRecord.Rejected(
                ParsedRecord.RejectReason.UNDECODABLE_VALUE, "no schema has the confluent id 999999 of registry default"));
        assertThat(List.of(avro.read(AVRO_TOPIC, null, null, ByteBuffer.wrap(cut)),
                avro.read(AVRO_TOPIC, null, null, ByteBuffer.wrap(longer))))
                .allSatisfy(parsed -> assertThat(parsed).isInstanceOfSatisfying(ParsedRecord.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(ParsedRecord.RejectReason.UNDECODABLE_VALUE)));
    }

    /** A change as both topics must show it; a snapshot read's time is when each connector read it. */
    private static Object comparable(ParsedRecord parsed) {
        if (parsed instanceof ParsedRecord.Event event && event.event().op() == Op.READ) {
            ChangeEvent e = event.event();
            return List.of(e.table(), e.op(), e.key(), e.after(), e.columnTypes());
        }
        return parsed;
    }

    private static String kind(ParsedRecord parsed) {
        return parsed instanceof ParsedRecord.Event event ? event.event().op().name() : parsed.toString();
    }

    static RecordReader reader(String registryUrl) {
        return RecordReader.withRegistry(new RegistryProperties(registryUrl, null, null, null, null, null,
                Duration.ofSeconds(5), 100, 1_000_000), new ChangeEventParser());
    }

    private List<ParsedRecord> read(RecordReader reader, String topic) {
        List<ParsedRecord> parsed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records(topic)) {
            parsed.add(reader.read(topic, record.headers(), record.key(),
                    record.value() == null ? null : ByteBuffer.wrap(record.value())));
        }
        return parsed;
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return Awaitility.await(topic).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Kafka.records(stack.bootstrapServers(), topic), found -> found.size() >= RECORDS);
    }
}
