package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.MariaDbTypes;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.stack.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * MariaDB through the real Debezium MariaDB connector, in the same Connect worker as the PostgreSQL one: known SQL
 * writes give exact event counts, violations, history rows, schema drift and completeness, as for PostgreSQL, with
 * the shipped MariaDB settings ({@code mariadb/dq-monitor.yml}) and tighter table limits on top.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = {
        "--spring.config.additional-location=file:mariadb/dq-monitor.yml,file:src/test/resources/stack/mariadb-it.yml"})
class MariaDbIT extends StackIntegrationTest {

    static final String TABLE = MariaDbWrites.TABLE;
    static final String TOPIC = "monitoring_mariadb.monitoring.user_activities";
    /**
     * Where the test leaves the connector's record (key line, value line): copied to {@link MariaDbTypes#CAPTURED}
     * when the connector's encoding changes, so the parser's unit test keeps the real record.
     */
    static final Path CAPTURED = Path.of("target", "captured", "mariadb-all-types.jsonl");

    static {
        SharedStack.withMariaDb();
    }

    @DynamicPropertySource
    static void pointAtMariaDb(DynamicPropertyRegistry registry) {
        // the shipped file reads its URL from this variable (a list bound from one source cannot be patched from another)
        registry.add("DQ_MARIADB_URL", STACK::mariaDbJdbcUrl);
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private MariaDbWrites writes;
    private PrometheusScrape before;
    private long historyBefore;

    @BeforeEach
    void settle() throws Exception {
        writes = new MariaDbWrites(STACK, client);
        before = writes.awaitProcessed();
        historyBefore = historyRows();
    }

    @AfterEach
    void close() throws Exception {
        writes.close();
    }

    @Test
    void knownWritesGiveExactCountsViolationsAndHistoryRows() throws Exception {
        writes.writeKnownChanges();
        PrometheusScrape after = writes.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(MariaDbWrites.KNOWN_VIOLATIONS);
        assertThat(after.growthSince(before, "cdc_events_total")).containsAllEntriesOf(MariaDbWrites.KNOWN_EVENTS);
        assertThat(historyRows() - historyBefore).isEqualTo(MariaDbWrites.KNOWN_HISTORY_ROWS);
    }

    @Test
    void aBigTransactionIsOneViolationAndItsRowsShareItsGtid() throws Exception {
        writes.connection().setAutoCommit(false);
        try {
            for (int i = 0; i < 5; i++) {
                writes.insert("11, 'login', 1.00, 'tx" + i + "@example.com'");
            }
            writes.connection().commit();
        } finally {
            writes.connection().setAutoCommit(true);
        }
        PrometheusScrape after = writes.awaitProcessed();

        assertThat(after.growthSince(before, "dq_violations_total")).isEqualTo(Map.of(
                violations("*", "max_rows_per_transaction"), 1.0));
        List<String> positions = new java.util.ArrayList<>();
        for (JsonNode change : client.getJson("/api/changes?table=" + TABLE)) {
            if (change.path("after").path("email").asString().startsWith("tx")) {
                positions.add(change.path("sourcePosition").asString());
            }
        }
        assertThat(positions).hasSize(5);
        // one transaction, five statements: Debezium gives every row the position of the transaction's first event
        // and its GTID (row counts rows within one statement's event); the row key tells the changes apart
        assertThat(positions.stream().distinct()).hasSize(1);
        assertThat(positions.get(0)).contains(";row=0;gtid=0-1-");
    }

    @Test
    void historyRowsCarryTheBinlogPositionAndNoLsn() throws Exception {
        writes.insert("6, 'login', -1.00, 'f@example.com'");
        writes.awaitProcessed();

        JsonNode newest = client.getJson("/api/violations?table=" + TABLE + "&rule=range&limit=1").get(0);
        assertThat(newest.path("sourcePosition").asString()).matches("file=mariadb-bin\\.\\d+;pos=\\d+;row=\\d+.*");
        assertThat(newest.path("sourcePosition").asString()).contains("server_id=1");
        assertThat(newest.path("lsn").isNull()).isTrue();
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = '" + TABLE
                + "' AND (lsn IS NOT NULL OR source_position IS NULL)")).isZero();
    }

    @Test
    void addedAndDroppedColumnsAreSchemaDrift() throws Exception {
        writes.execute("ALTER TABLE user_activities ADD COLUMN note VARCHAR(20)");
        try {
            writes.insert("7, 'login', 1.00, 'g@example.com'");
        } finally {
            writes.execute("ALTER TABLE user_activities DROP COLUMN note");
        }
        PrometheusScrape after = writes.awaitProcessed();

        assertThat(after.growthSince(before, "dq_schema_changes_total")).isEqualTo(Map.of(
                "dq_schema_changes_total{change=\"added\",table=\"" + TABLE + "\"}", 1.0,
                "dq_schema_changes_total{change=\"removed\",table=\"" + TABLE + "\"}", 1.0));
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND column_name = 'note' AND source_position LIKE 'file=mariadb-bin.%'")).isEqualTo(2);
    }

    @Test
    void replayingTheTopicAddsNoHistoryRows() throws Exception {
        long from = endOffset();
        writes.insert("8, 'purchase', -3.00, 'h@example.com'");
        writes.insert("9, 'teleport', NULL, 'not-an-email'");
        writes.awaitProcessed();
        long history = historyRows();
        PrometheusScrape beforeReplay = client.scrape();

        replayFrom(from);
        PrometheusScrape after = writes.awaitProcessed();

        // the two rows and the first sentinel again, and the new sentinel
        assertThat(after.value(events("create")) - beforeReplay.value(events("create"))).isEqualTo(4);
        assertThat(historyRows()).isEqualTo(history);
    }

    @Test
    void withTheConnectorPausedTheBinlogDistanceGrowsByWhatIsWritten() throws Exception {
        String behind = "cdc_source_binlog_behind_bytes{source=\"mariadb\"}";
        PrometheusScrape streaming = Awaitility.await("the distance of a connector that keeps up")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(client::scrape, s -> s.value(behind) < 10_000);
        assertThat(streaming.value("cdc_source_binlog_needed_file_purged{source=\"mariadb\"}")).isZero();
        assertThat(streaming.value("cdc_source_binlog_expiry_seconds{source=\"mariadb\"}")).isEqualTo(604_800);
        assertThat(streaming.value("cdc_source_up{source=\"mariadb\"}")).isEqualTo(1);
        ConnectorControl connector = new ConnectorControl(STACK.connectUrl(), "user-activities-mariadb-connector");
        connector.pause();
        try {
            long from = binlogPosition();
            for (int i = 0; i < 50; i++) {
                writes.insert("7, 'login', 1.00, 'paused" + i + "@example.com'");
            }
            long written = binlogPosition() - from;
            assertThat(written).isGreaterThan(5_000);
            // none of what was written has been streamed: all of it is behind the connector's last position (the
            // distance read before may still have been catching up, so it is no exact base)
            Awaitility.await("the distance grown by what was written").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(client::scrape, s -> s.value(behind) >= written && s.value(behind) > streaming.value(behind));
        } finally {
            connector.resume();
        }
        writes.awaitProcessed();
    }

    /** The server's position in its current binlog file; the test writes far less than a file holds. */
    private long binlogPosition() throws Exception {
        try (var sql = writes.connection().createStatement(); var rows = sql.executeQuery("SHOW MASTER STATUS")) {
            rows.next();
            return rows.getLong("Position");
        }
    }

    @Test
    void aChangeLeftOutOfTheBinlogShowsAsCompletenessDrift() throws Exception {
        String drift = "dq_cdc_row_count_drift{table=\"" + TABLE + "\"}";
        Awaitility.await("drift settles at zero").atMost(Duration.ofSeconds(30))
                .until(() -> client.scrape().samples().get(drift), value -> value != null && value == 0.0);

        // a session that does not write the binlog: the row is in the table, never in the stream
        writes.execute("SET SESSION sql_log_bin = 0");
        try {
            writes.insert("10, 'login', 1.00, 'lost@example.com'");
        } finally {
            writes.execute("SET SESSION sql_log_bin = 1");
        }
        writes.awaitProcessed();

        Awaitility.await("drift of one lost row").atMost(Duration.ofSeconds(30))
                .until(() -> client.scrape().value(drift), value -> value == 1.0);
    }

    @Test
    void everyMariaDbTypeDecodesFromTheConnectorsOwnRecords() throws Exception {
        writes.execute(MariaDbTypes.INSERT);
        ConsumerRecord<byte[], byte[]> record = firstRecordOf("monitoring_mariadb.monitoring.all_types");
        Files.createDirectories(CAPTURED.getParent());
        Files.writeString(CAPTURED, new String(record.key(), StandardCharsets.UTF_8) + "\n"
                + new String(record.value(), StandardCharsets.UTF_8) + "\n");

        ChangeEvent event = ((ParsedRecord.Event) new ChangeEventParser().parse(record.key(), record.value())).event();
        assertThat(event.after()).isEqualTo(MariaDbTypes.expectedAfter());
        assertThat(event.position()).isInstanceOfSatisfying(Position.Binlog.class, binlog -> {
            assertThat(binlog.source()).isEqualTo("mariadb");
            assertThat(binlog.gtid()).matches("0-1-\\d+");
            assertThat(binlog.serverId()).isEqualTo(1L);
        });
    }

    private ConsumerRecord<byte[], byte[]> firstRecordOf(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", STACK.bootstrapServers(), "auto.offset.reset", "earliest",
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            return Awaitility.await("a record on " + topic).atMost(Duration.ofSeconds(60))
                    .until(() -> consumer.poll(Duration.ofMillis(500)), records -> !records.isEmpty())
                    .iterator().next();
        }
    }




    private long historyRows() throws Exception {
        return client.historyRows(TABLE);
    }

    private static String violations(String column, String rule) {
        return PrometheusScrape.violations(TABLE, column, rule);
    }

    private static String events(String op) {
        return PrometheusScrape.events(TABLE, op);
    }

    private long endOffset() throws Exception {
        return TopicReplay.endOffset(STACK.bootstrapServers(), TOPIC);
    }

    private void replayFrom(long offset) {
        TopicReplay.replayFrom(listeners, STACK.bootstrapServers(), TOPIC, offset);
    }
}
