package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.dqmonitor.rules.RuleFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which heartbeats close a quiet table's minutes. */
class AnomalyMonitorTest {

    private static final long MINUTE = 29_000_000L;
    private static final String TOPIC = "shop_server.shop.orders";
    private static final CaughtUp READ_TO_THE_END = (topic, partition) -> true;

    private final AnomalyMonitor monitor = new AnomalyMonitor(RuleFixtures.inForce(RulesFixture.rules("""
            dq.tables.shop.orders.columns.qty.min: 0
            """)));
    private long offset;

    private void change(long minute) {
        monitor.record(new ChangeEvent("shop.orders", Op.CREATE, Map.of("id", 1), null, Map.of("qty", 1),
                Instant.ofEpochSecond(minute * 60), Position.postgres(1L, 1L), Map.of()), false, TOPIC, 0, offset++);
    }

    private static Instant at(long minute) {
        return Instant.ofEpochSecond(minute * 60);
    }

    @BeforeEach
    void twoMinutesOfChanges() {
        change(MINUTE);
        change(MINUTE + 1);
    }

    @Test
    void aHeartbeatOfTheTablesConnectorClosesItsQuietMinutes() {
        monitor.heartbeat("__debezium-heartbeat.shop_server", at(MINUTE + 10));
        monitor.advance(READ_TO_THE_END);
        // minute + 1 up to 2 minutes before the heartbeat: 7 minutes of three change counts
        assertThat(monitor.pending(1000)).hasSize(7 * 3);
    }

    @Test
    void anotherConnectorsHeartbeatClosesNothing() {
        monitor.heartbeat("__debezium-heartbeat.other_server", at(MINUTE + 10));
        monitor.advance(READ_TO_THE_END);
        assertThat(monitor.pending(1000)).isEmpty();
    }

    @Test
    void aHeartbeatReadAheadOfTheTablesBacklogWaitsUntilTheBacklogIsRead() {
        monitor.heartbeat("__debezium-heartbeat.shop_server", at(MINUTE + 10));
        monitor.advance(CaughtUp.UNKNOWN);
        assertThat(monitor.pending(1000)).isEmpty();
        change(MINUTE + 5);
        monitor.advance(READ_TO_THE_END);
        assertThat(monitor.pending(1000)).hasSize(7 * 3);
    }
}
