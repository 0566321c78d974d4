package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.MariaDbTypes;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.stack.AvroConverters;
import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.Kafka;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * MariaDB through Avro: a second MariaDB connector writes {@code user_activities} and {@code all_types} through
 * Apicurio's Avro converter into the real registry. The service, reading only those topics, counts, checks and stores
 * {@link MariaDbIT}'s known writes exactly as it does from JSON, and the {@code all_types} row decodes to what
 * {@code MariaDbIT} requires of the JSON converter's record (decimals, unsigned BIGINT, temporal types, ENUM, SET, JSON,
 * BIT, YEAR) with its binlog position.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = {
        "--spring.config.additional-location=file:mariadb/dq-monitor.yml,file:src/test/resources/stack/mariadb-it.yml"})
class AvroMariaDbIT extends StackIntegrationTest {

    private static final String PREFIX = "monitoring_mariadb_avro";
    private static final String ALL_TYPES = PREFIX + ".monitoring.all_types";
    private static final EmbeddedSchemaRegistry REGISTRY;

    static {
        SharedStack.withMariaDb();
        REGISTRY = SharedStack.withAvro();
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "topic.prefix", PREFIX,
                "database.server.id", "184099",
                "table.include.list", "monitoring.all_types,monitoring.user_activities",
                "schema.history.internal.kafka.topic", "schema-history." + PREFIX,
                "snapshot.mode", "no_data",
                // the other tests' services read every heartbeat topic, and have no registry
                "heartbeat.interval.ms", "0"));
        settings.putAll(AvroConverters.confluent(REGISTRY));
        try {
            STACK.registerMariaDbConnector("mariadb-avro-connector", settings);
        } catch (Exception e) {
            throw new IllegalStateException("the MariaDB Avro connector did not start", e);
        }
    }

    @DynamicPropertySource
    static void readTheAvroTopics(DynamicPropertyRegistry registry) {
        registry.add("DQ_MARIADB_URL", STACK::mariaDbJdbcUrl);
        registry.add("dq.cdc.topic-pattern", () -> PREFIX + "\\..*");
        registry.add("dq.registry.url", REGISTRY::confluentUrl);
        // a completeness ledger of its own: MariaDbIT's, of the JSON topic, must not count the same rows twice
        registry.add("spring.kafka.consumer.group-id", () -> "dq-monitor-mariadb-avro");
    }

    private MariaDbWrites writes;

    @BeforeEach
    void connect() throws Exception {
        writes = new MariaDbWrites(STACK, client);
    }

    @AfterEach
    void close() throws Exception {
        writes.close();
    }

    @Test
    void knownWritesGiveTheSameCountsViolationsAndHistoryRowsAsJson() throws Exception {
        PrometheusScrape before = writes.awaitProcessed();
        long history = client.historyRows(MariaDbWrites.TABLE);

        writes.writeKnownChanges();
        PrometheusScrape after = writes.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(MariaDbWrites.KNOWN_VIOLATIONS);
        assertThat(after.growthSince(before, "cdc_events_total")).containsAllEntriesOf(MariaDbWrites.KNOWN_EVENTS);
        assertThat(client.historyRows(MariaDbWrites.TABLE) - history).isEqualTo(MariaDbWrites.KNOWN_HISTORY_ROWS);
        JsonNode newest = client.getJson("/api/violations?table=" + MariaDbWrites.TABLE + "&limit=1").get(0);
        assertThat(newest.path("sourcePosition").asString()).matches("file=mariadb-bin\\.\\d+;pos=\\d+;row=\\d+.*");
    }

    @Test
    void everyMariaDbTypeDecodesFromAvroAsFromJson() throws Exception {
        writes.execute(MariaDbTypes.INSERT);
        List<ConsumerRecord<byte[], byte[]>> records = Awaitility.await(ALL_TYPES).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Kafka.records(STACK.bootstrapServers(), ALL_TYPES), found -> !found.isEmpty());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(record.value()[0]).isZero();

        ParsedRecord parsed = AvroTopicsIT.reader(REGISTRY.confluentUrl()).read(ALL_TYPES, record.headers(),
                record.key(), ByteBuffer.wrap(record.value()));

        ChangeEvent event = ((ParsedRecord.Event) parsed).event();
        assertThat(event.after()).isEqualTo(MariaDbTypes.expectedAfter());
        assertThat(event.position()).isInstanceOfSatisfying(Position.Binlog.class,
                binlog -> assertThat(binlog.gtid()).matches("0-1-\\d+"));
    }
}
