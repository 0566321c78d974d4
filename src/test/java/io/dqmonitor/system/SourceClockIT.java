package io.dqmonitor.system;

import static io.dqmonitor.pipeline.SyntheticTopic.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.dqmonitor.pipeline.SyntheticTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Times from the source ahead of dq-monitor's clock, on the real stack (docs/reliability.md): a heartbeat and a change
 * dated next year, produced beside the real connector's records. Neither is taken as the newest: the heartbeat gauge
 * keeps aging, so {@code DqPipelineStalled} can still fire, and the columns the real rows lack afterwards (the one
 * the table drops, and the one only the change from next year had) are reported.
 * Both are counted in {@code cdc_source_time_ahead_total}.
 */
class SourceClockIT extends StackIntegrationTest {

    private static final String HEARTBEAT_AHEAD =
            "cdc_source_time_ahead_total{connector=\"monitoring_server\",table=\"_heartbeat\"}";
    private static final String TABLE = "public.corpus_unruled";

    private PrometheusScrape before;

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
    }

    @Test
    void aHeartbeatFromNextYearDoesNotHoldTheHeartbeatGaugeInTheFuture() throws Exception {
        new SyntheticTopic(STACK.bootstrapServers(), "__debezium-heartbeat.monitoring_server")
                .send(utf8("{\"ts_ms\":" + nextYear().toEpochMilli() + "}"));

        PrometheusScrape after = client.awaitGrowth(before, HEARTBEAT_AHEAD, 1);
        assertThat(after.value(HEARTBEAT_AHEAD) - before.value(HEARTBEAT_AHEAD)).isEqualTo(1);
        assertThat(after.value("cdc_heartbeat_timestamp_seconds{connector=\"monitoring_server\"}"))
                .isLessThan(Instant.now().plusSeconds(300).getEpochSecond());
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeFromNextYearDoesNotHideAColumnDroppedAfterIt() throws Exception {
        // a captured table's shape for the length of the test: a column added, then dropped again
        String column = "clock_" + Long.toHexString(System.nanoTime());
        String removed = "dq_schema_changes_total{change=\"removed\",table=\"" + TABLE + "\"}";
        String ahead = "cdc_source_time_ahead_total{connector=\"monitoring_server\",table=\"" + TABLE + "\"}";
        client.execute("ALTER TABLE " + TABLE + " ADD COLUMN " + column + " text");
        try {
            client.execute("INSERT INTO " + TABLE + " VALUES (91001, 'x', 'y')");
            client.awaitGrowth(before, "cdc_events_total{op=\"create\",table=\"" + TABLE + "\"}", 1);

            // a column more than the real rows, committed next year: once, the schema baseline moved there, and
            // every real change after it looked older
            new SyntheticTopic(STACK.bootstrapServers(), "monitoring_server." + TABLE).send(utf8("""
                    {"schema":{"type":"struct","fields":[{"type":"struct","optional":true,"field":"after","fields":[
                       {"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"v"},
                       {"type":"string","optional":true,"field":"%s"},
                       {"type":"string","optional":true,"field":"ghost"}]}]},
                     "payload":{"op":"c","source":{"schema":"public","table":"corpus_unruled","ts_ms":%d},
                      "after":{"id":91002,"v":"x","%s":"y","ghost":"z"}}}"""
                    .formatted(column, nextYear().toEpochMilli(), column)));
            client.awaitGrowth(before, ahead, 1);
        } finally {
            client.execute("ALTER TABLE " + TABLE + " DROP COLUMN " + column);
        }
        client.execute("INSERT INTO " + TABLE + " VALUES (91003, 'z')");

        PrometheusScrape after = client.awaitGrowth(before, removed, 2);
        assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = '" + TABLE
                + "' AND change = 'removed' AND column_name IN ('" + column + "', 'ghost')")).isEqualTo(2);
        assertThat(after.value(ahead) - before.value(ahead)).isEqualTo(1);
        assertThat(after.value("cdc_last_event_timestamp_seconds{table=\"" + TABLE + "\"}"))
                .isLessThan(Instant.now().plusSeconds(300).getEpochSecond());
        assertThat(client.getJson("/api/quality").toString())
                .doesNotContain(nextYear().atZone(ZoneOffset.UTC).getYear() + "-");
    }

    private static Instant nextYear() {
        return Instant.now().plus(366, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    }
}
