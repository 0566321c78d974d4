package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.AvroConverters;
import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.Kafka;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.stack.SharedStack;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack's Avro path, end to end on real parts: Debezium's PostgreSQL connector writes through Apicurio's Connect
 * converter, in Confluent's framing, and the real registry serves each record's schema by the id in its frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroTopicsIT {

    private static final String TABLE = "public.avro_activities";
    private static final String TOPIC = "monitoring_avro." + TABLE;

    private final EmbeddedStack stack = SharedStack.get();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private EmbeddedSchemaRegistry registry;

    @BeforeAll
    void startTheRegistryAndAnAvroConnector() throws Exception {
        registry = stack.startSchemaRegistry(Ports.free());
        try (Connection db = stack.connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (LIKE public.user_activities INCLUDING ALL)");
        }
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "topic.prefix", "monitoring_avro",
                "table.include.list", TABLE,
                "slot.name", "dq_avro_slot",
                "publication.name", "dq_avro_publication"));
        settings.putAll(AvroConverters.confluent(registry));
        stack.registerPostgresConnector("avro-activities-connector", settings);
    }

    @Test
    void recordsAreConfluentFramedAvroWhoseSchemasTheRegistryServes() throws Exception {
        try (Connection db = stack.connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO " + TABLE + " (user_id, activity_type, amount) VALUES (4242, 'login', 12.50)");
        }
        List<ConsumerRecord<byte[], byte[]>> records = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> Kafka.records(stack.bootstrapServers(), TOPIC), found -> !found.isEmpty());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        ByteBuffer value = ByteBuffer.wrap(record.value());
        assertThat(value.get()).isZero();
        int id = value.getInt();
        Schema schema = new Schema.Parser().parse(schemaById(id));
        GenericRecord envelope = new GenericDatumReader<GenericRecord>(schema).read(null,
                DecoderFactory.get().binaryDecoder(value.array(), value.position(), value.remaining(), null));
        GenericRecord after = (GenericRecord) envelope.get("after");
        assertThat(after.get("user_id")).isEqualTo(4242L);
        assertThat(envelope.get("op")).hasToString("c");
        assertThat(schema.getField("after").schema().toString()).contains("\"connect.name\"");
        assertThat(ByteBuffer.wrap(record.key()).get()).isZero();
    }

    private String schemaById(int id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/schemas/ids/" + id)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        return body.get("schema").asString();
    }
}
