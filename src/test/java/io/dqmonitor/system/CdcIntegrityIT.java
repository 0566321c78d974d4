package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.dqmonitor.stack.Kafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline itself, on the real stack: a second Debezium PostgreSQL connector is stopped while rows are written
 * (its slot goes inactive and keeps the WAL), loses its offsets (it snapshots again, counted once), and its topic gets
 * a change older than those read (a position going backwards) beside a plain redelivery (not one). The slots are also
 * read as a role with {@code pg_monitor} only, the least privilege the docs name. Steps depend on each other: one
 * connector's life, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcIntegrityIT extends StackIntegrationTest {

    private static final String CONNECTOR = "integrity-connector";
    private static final String TABLE = "integrity_items";
    private static final String TOPIC = IntegrityConnectors.PREFIX + ".public." + TABLE;
    private static final String SLOT = "dq_" + TABLE + "_slot";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final ConnectorControl CONTROL = new ConnectorControl(STACK.connectUrl(), CONNECTOR);

    @DynamicPropertySource
    static void watchThePipeline(DynamicPropertyRegistry registry) {
        registry.add("dq.cdc.topic-pattern", () -> IntegrityConnectors.TOPIC_PATTERN);
        registry.add("dq.connect.urls", STACK::connectUrl);
        registry.add("dq.connect.interval", () -> "1s");
        registry.add("dq.source-log.interval", () -> "1s");
        // the same server once more, as a source of its own read by a role with pg_monitor only
        registry.add("dq.completeness.databases.least.tables", () -> "public\\.integrity_.*");
        registry.add("dq.completeness.databases.least.url", STACK::jdbcUrl);
        registry.add("dq.completeness.databases.least.username", () -> IntegrityConnectors.MONITOR_ROLE);
        registry.add("dq.completeness.databases.least.password", () -> IntegrityConnectors.MONITOR_PASSWORD);
    }

    @BeforeAll
    static void registerTheConnector() throws Exception {
        IntegrityConnectors.register(STACK, CONNECTOR, TABLE);
    }

    @Test
    @Order(1)
    void theInitialSnapshotIsReadAndIsNoRerun() {
        PrometheusScrape scrape = await("the snapshot's three rows", s -> s.value(snapshotRows()) == 3
                && s.value(slot("cdc_source_slot_active", "default")) == 1
                && s.value(connectorState("RUNNING")) == 1);
        assertThat(scrape.value(reruns())).isZero();
        assertThat(scrape.value(slot("cdc_source_slot_active", "least"))).isEqualTo(1);
        assertThat(scrape.value(slot("cdc_source_slot_wal_status", "default").replace("}", ",status=\"reserved\"}")))
                .isEqualTo(1);
        assertThat(scrape.value(slot("cdc_source_slot_safe_wal_bytes", "default"))).isPositive();
        assertThat(scrape.value(slot("cdc_source_slot_flush_lag_bytes", "default"))).isNotNaN().isNotNegative();
        assertThat(scrape.value("cdc_connect_up{connect=\"" + STACK.connectUrl().replace("http://", "") + "\"}"))
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void aStoppedConnectorLeavesItsSlotInactiveKeepingTheWalWrittenSince() throws Exception {
        CONTROL.stop();
        PrometheusScrape stopped = await("the slot inactive", s -> s.value(slot("cdc_source_slot_active", "default")) == 0
                && s.value(connectorState("STOPPED")) == 1);
        long before = walLsn();
        client.execute("INSERT INTO public." + TABLE + " SELECT g, repeat('x', 1000) FROM generate_series(10, 2009) g");
        long written = walLsn() - before;
        assertThat(written).isGreaterThan(1_000_000);
        String retained = slot("cdc_source_slot_retained_bytes", "default");
        PrometheusScrape grown = await("retained WAL grown by what was written",
                s -> s.value(retained) >= stopped.value(retained) + written);
        assertThat(grown.value(slot("cdc_source_slot_retained_bytes", "least")))
                .isGreaterThanOrEqualTo(stopped.value(retained) + written);
        assertThat(grown.value(slot("cdc_source_slot_active", "least"))).isZero();
    }

    @Test
    @Order(3)
    void withItsOffsetsDeletedItSnapshotsAgainCountedOnce() throws Exception {
        CONTROL.deleteOffsets();
        CONTROL.resume();
        await("the second snapshot read whole", s -> s.value(snapshotRows()) == 2003);
        client.execute("INSERT INTO public." + TABLE + " VALUES (5000, 'streamed after the snapshot')");
        PrometheusScrape after = await("a streamed change after it", s -> s.value(events("create")) >= 1);
        assertThat(after.value(reruns())).isEqualTo(1);
        assertThat(after.value(regressions())).isZero();
    }

    @Test
    @Order(4)
    void aChangeOlderThanOnesReadIsARegressionAndARedeliveryIsNot() throws Exception {
        client.execute("INSERT INTO public." + TABLE + " VALUES (5001, 'one more')");
        await("the later change", s -> s.value(events("create")) >= 2);
        List<ConsumerRecord<byte[], byte[]>> records = Kafka.records(STACK.bootstrapServers(), TOPIC);
        ConsumerRecord<byte[], byte[]> first = records.stream()
                .filter(r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains("\"op\":\"c\""))
                .findFirst().orElseThrow();
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(STACK.bootstrapServers())) {
            // the connector resending a change it sent: the same bytes at a new offset
            producer.send(new ProducerRecord<>(TOPIC, first.key(), first.value())).get();
            // a change never read, from before the furthest position read: the stream went backwards
            producer.send(new ProducerRecord<>(TOPIC, withId(first.key(), false), withId(first.value(), true))).get();
        }
        PrometheusScrape after = await("the regression counted", s -> s.value(regressions()) >= 1);
        assertThat(after.value(regressions())).isEqualTo(1);
    }

    /** The key or value of another row at the same place in the log: a change with an identity of its own. */
    private static byte[] withId(byte[] json, boolean value) {
        JsonNode record = PipelineClient.JSON.readTree(json);
        ObjectNode row = (ObjectNode) (value ? record.path("payload").path("after") : record.path("payload"));
        row.put("id", 9999);
        return PipelineClient.JSON.writeValueAsBytes(record);
    }

    @AfterAll
    static void removeTheConnector() throws Exception {
        CONTROL.delete();
        try (java.sql.Connection db = STACK.connect(); java.sql.Statement sql = db.createStatement()) {
            // the slot stays when its connector goes: left behind, it would keep WAL for the rest of the run
            Awaitility.await("the slot released").atMost(PATIENCE).ignoreExceptions().until(() -> sql.execute(
                    "SELECT pg_drop_replication_slot('" + SLOT + "')"));
        }
    }

    private long walLsn() throws Exception {
        return client.queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    private PrometheusScrape await(String what, java.util.function.Predicate<PrometheusScrape> condition) {
        return Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> new Pipeline(client.scrape()), p -> condition.test(p.scrape())).scrape();
    }

    /** A scrape that shows only the pipeline's series when a wait fails. */
    private record Pipeline(PrometheusScrape scrape) {

        @Override
        public String toString() {
            return new java.util.TreeMap<>(scrape.samples()).entrySet().stream()
                    .filter(e -> e.getKey().matches("cdc_(source|connector|snapshot|position|events_total).*"))
                    .map(Object::toString).collect(java.util.stream.Collectors.joining("\n"));
        }
    }

    private static String slot(String metric, String source) {
        return metric + "{slot=\"" + SLOT + "\",source=\"" + source + "\"}";
    }

    private static String connectorState(String state) {
        return "cdc_connector_state{connect=\"" + STACK.connectUrl().replace("http://", "") + "\",connector=\""
                + CONNECTOR + "\",state=\"" + state + "\"}";
    }

    private static String snapshotRows() {
        return "cdc_snapshot_rows{table=\"public." + TABLE + "\"}";
    }

    private static String reruns() {
        return "cdc_snapshot_reruns_total{connector=\"" + IntegrityConnectors.PREFIX + "\"}";
    }

    private static String regressions() {
        return "cdc_position_regressions_total{connector=\"" + IntegrityConnectors.PREFIX + "\"}";
    }

    private static String events(String op) {
        return PrometheusScrape.events("public." + TABLE, op);
    }
}
