package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
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
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.Kafka;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's and MySQL's types through Avro: a second MariaDB connector writes {@code all_types} through Apicurio's
 * Avro converter into the real registry, and the row decodes to exactly what {@code MariaDbIT} requires of the JSON
 * converter's record (decimals, unsigned BIGINT, temporal types, ENUM, SET, JSON, BIT, YEAR) with its binlog position.
 */
class AvroMariaDbIT {

    private static final String TOPIC = "monitoring_mariadb_avro.monitoring.all_types";

    @Test
    void everyMariaDbTypeDecodesFromAvroAsFromJson() throws Exception {
        EmbeddedStack stack = SharedStack.withMariaDb();
        EmbeddedSchemaRegistry registry = SharedStack.withAvro();
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "topic.prefix", "monitoring_mariadb_avro",
                "database.server.id", "184099",
                "table.include.list", "monitoring.all_types",
                "schema.history.internal.kafka.topic", "schema-history.monitoring_mariadb_avro",
                "snapshot.mode", "no_data",
                // the other tests' services read every heartbeat topic, and have no registry
                "heartbeat.interval.ms", "0"));
        settings.putAll(AvroConverters.confluent(registry));
        stack.registerMariaDbConnector("all-types-avro-connector", settings);
        try (Connection db = stack.connectMariaDb(); Statement sql = db.createStatement()) {
            sql.execute(MariaDbTypes.INSERT);
        }
        List<ConsumerRecord<byte[], byte[]>> records = Awaitility.await(TOPIC).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Kafka.records(stack.bootstrapServers(), TOPIC), found -> !found.isEmpty());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(record.value()[0]).isZero();

        ParsedRecord parsed = AvroTopicsIT.reader(registry.confluentUrl()).read(TOPIC, record.headers(), record.key(),
                ByteBuffer.wrap(record.value()));

        ChangeEvent event = ((ParsedRecord.Event) parsed).event();
        assertThat(event.after()).isEqualTo(MariaDbTypes.expectedAfter());
        assertThat(event.position()).isInstanceOfSatisfying(Position.Binlog.class,
                binlog -> assertThat(binlog.gtid()).matches("0-1-\\d+"));
    }
}
