package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.anomaly.ReplayScenario;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two simulated weeks of a shop's orders ({@link ReplayScenario}), written through Kafka as a Debezium connector
 * named {@code replay} would write them (schemas off, commit times in the past, a heartbeat a minute), with four
 * incidents. On the real stack each incident is raised in its first minutes and nothing else is, and the metric, the
 * table and the API count the same anomalies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        // properties syntax: the backslash itself is escaped
        "dq.cdc.topic-pattern=(monitoring_server|replay)\\\\..*",
        ReplayScenario.AMOUNT_RULE, ReplayScenario.NOTE_LEARNED,
        // shop.orders has no table in this PostgreSQL to count
        "dq.completeness.databases.replay.tables=shop\\\\..*",
        "dq.anomaly.interval=1s"})
class AnomalyReplayIT extends StackIntegrationTest {

    private static final String TABLE = "shop.orders";
    private static final String TOPIC = "replay.shop.orders";
    private static final String HEARTBEATS = "__debezium-heartbeat.replay";

    private long changes;
    private long firstMinute = -1;

    @BeforeAll
    void replayTwoWeeks() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(HEARTBEATS, 1, (short) 1)))
                    .all().get();
        }
        ReplayScenario scenario = new ReplayScenario();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", STACK.bootstrapServers(), "acks", "all", "linger.ms", 20,
                "batch.size", 256 * 1024, "compression.type", "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int minute = 0; minute < ReplayScenario.MINUTES; minute++) {
                for (ReplayScenario.Change change : scenario.minute(minute)) {
                    firstMinute = firstMinute < 0 ? change.at().getEpochSecond() / 60 : firstMinute;
                    producer.send(new ProducerRecord<>(TOPIC, utf8("{\"id\":" + change.id() + "}"),
                            utf8(change.json())));
                    changes++;
                }
                heartbeat(producer, ReplayScenario.START.plusSeconds(60L * minute + 90));
            }
            // closes the last minute of the two weeks
            heartbeat(producer, ReplayScenario.END.plusSeconds(120));
            producer.flush();
        }
    }

    private static void heartbeat(KafkaProducer<byte[], byte[]> producer, Instant time) {
        producer.send(new ProducerRecord<>(HEARTBEATS, utf8("{\"serverName\":\"replay\"}"),
                utf8("{\"ts_ms\":" + time.toEpochMilli() + "}")));
    }

    /** Every change counted, and every minute of the two weeks judged (the first, under way at the start, is not). */
    private PrometheusScrape awaitJudged() {
        long minutes = ReplayScenario.END.getEpochSecond() / 60 - firstMinute - 1;
        return Awaitility.await("two weeks judged").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(client::scrape, s -> s.sum("cdc_events_total{op=\"create\",table=\"" + TABLE + "\"}")
                        + s.sum("cdc_events_total{op=\"update\",table=\"" + TABLE + "\"}")
                        + s.sum("cdc_events_total{op=\"delete\",table=\"" + TABLE + "\"}") == changes
                        && s.value(series("dq_anomaly_windows_judged_total", "changes_create")) == minutes
                        && s.value("dq_anomaly_windows_pending") == 0);
    }

    private static String series(String name, String signal) {
        return name + "{signal=\"" + signal + "\",table=\"" + TABLE + "\"}";
    }

    @Test
    void theMetricCountsOneAnomalyForEachExpectedSignalAndNoneForAnyOther() {
        PrometheusScrape judged = awaitJudged();
        Map<String, Double> raised = new HashMap<>();
        judged.samples().forEach((series, value) -> {
            if (series.startsWith("dq_anomalies_total{") && series.contains("table=\"" + TABLE + "\"") && value > 0) {
                raised.put(series.replaceAll(".*signal=\"([^\"]+)\".*", "$1"), value);
            }
        });
        Map<String, Double> expected = new HashMap<>();
        ReplayScenario.EXPECTED.keySet().forEach(signal -> expected.put(signal, 1.0));
        assertThat(raised).isEqualTo(expected);
        assertThat(judged.value("dq_anomaly_late_changes_total{table=\"" + TABLE + "\"}")).isZero();
    }

    @Test
    void theTableHoldsEachIncidentsAnomaliesFromItsFirstMinutes() throws Exception {
        awaitJudged();
        List<String> signals = new ArrayList<>();
        try (Statement statement = STACK.connect().createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT signal, window_start, window_end FROM dq_monitor.anomalies WHERE table_name = '" + TABLE
                        + "' ORDER BY window_start")) {
            while (rows.next()) {
                String signal = rows.getString(1);
                signals.add(signal);
                Instant start = rows.getTimestamp(2).toInstant();
                Instant end = rows.getTimestamp(3).toInstant();
                assertThat(ReplayScenario.EXPECTED.get(signal).seenInTime(start, end))
                        .as("%s in %s..%s", signal, start, end).isTrue();
            }
        }
        assertThat(signals).containsExactlyInAnyOrderElementsOf(ReplayScenario.EXPECTED.keySet());
    }

    @Test
    void theApiServesTheSameAnomaliesNewestFirst() throws Exception {
        awaitJudged();
        JsonNode anomalies = client.getJson("/api/anomalies?table=" + TABLE);
        List<String> signals = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        anomalies.forEach(a -> {
            signals.add(a.get("signal").stringValue());
            starts.add(Instant.parse(a.get("windowStart").stringValue()));
        });
        assertThat(signals).containsExactlyInAnyOrderElementsOf(ReplayScenario.EXPECTED.keySet());
        assertThat(starts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(client.getJson("/api/anomalies?table=" + TABLE + "&signal=mean:amount&since="
                + ReplayScenario.AMOUNT_SHIFT.start().minusSeconds(3600))).hasSize(1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
