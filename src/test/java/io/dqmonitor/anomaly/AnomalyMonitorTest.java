package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.partitions.CaughtUp;
import io.dqmonitor.partitions.MovedOnException;
import io.dqmonitor.partitions.PartitionsMoved;
import io.dqmonitor.partitions.StoredChange;
import io.dqmonitor.partitions.TableLeads;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RulesInForce;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The signals of a table read by one or several instances over a store in memory, and which heartbeats close a quiet
 * table's minutes. The windows are those the table's lead would judge.
 */
class AnomalyMonitorTest {

    private static final long MINUTE = 29_000_000L;
    private static final String TABLE = "shop.orders";
    private static final String TOPIC = "shop_server.shop.orders";
    private static final String HEARTBEATS = "__debezium-heartbeat.shop_server";
    private static final CaughtUp READ_TO_THE_END = (topic, partition) -> true;

    private final RulesInForce rules = RuleFixtures.inForce(RulesFixture.rules("""
            dq.tables.shop.orders.columns.qty.min: 0
            """));
    private final InMemoryMinuteStore store = new InMemoryMinuteStore();
    private final AnomalyMonitor monitor = instance(0);
    private final long[] offsets = new long[2];

    @Test
    void aHeartbeatOfTheTablesConnectorClosesItsQuietMinutes() {
        changes(monitor, 0, MINUTE, MINUTE + 1);
        heartbeat(monitor, HEARTBEATS, MINUTE + 10, READ_TO_THE_END);
        // minute + 1 up to 2 minutes before the heartbeat: 7 minutes of three change counts
        assertThat(due(1)).hasSize(7 * 3);
    }

    @Test
    void anotherConnectorsHeartbeatClosesNothing() {
        changes(monitor, 0, MINUTE, MINUTE + 1);
        heartbeat(monitor, "__debezium-heartbeat.other_server", MINUTE + 10, READ_TO_THE_END);
        assertThat(due(1)).isEmpty();
    }

    @Test
    void aHeartbeatReadAheadOfThePartitionsBacklogWaitsUntilTheBacklogIsRead() {
        changes(monitor, 0, MINUTE, MINUTE + 1);
        heartbeat(monitor, HEARTBEATS, MINUTE + 10, CaughtUp.UNKNOWN);
        assertThat(due(1)).isEmpty();
        changes(monitor, 0, MINUTE + 5);
        heartbeat(monitor, HEARTBEATS, MINUTE + 10, READ_TO_THE_END);
        assertThat(due(1)).hasSize(7 * 3);
    }

    @Test
    void aQuietPartitionIsMovedOnByEachHeartbeat() {
        AnomalyMonitor both = instance(0, 1);
        changes(both, 0, MINUTE, MINUTE + 1);
        heartbeat(both, HEARTBEATS, MINUTE + 6, READ_TO_THE_END);
        heartbeat(both, HEARTBEATS, MINUTE + 10, READ_TO_THE_END);
        assertThat(DueWindows.of(store, TABLE, kinds(), 2, 1000).orElseThrow().observations()).hasSize(7 * 3);
    }

    @Test
    void aTableWaitsForEveryPartitionOfItsTopic() {
        changes(monitor, 0, MINUTE, MINUTE + 1, MINUTE + 4);
        assertThat(due(2)).as("partition 1 has told nothing yet").isEmpty();
    }

    @Test
    void twoInstancesOnTwoPartitionsGiveTheWindowsOfOne() {
        AnomalyMonitor one = instance(0, 1);
        InMemoryMinuteStore oneStore = store;
        long[] p0 = {MINUTE, MINUTE + 1, MINUTE + 1, MINUTE + 2, MINUTE + 4};
        long[] p1 = {MINUTE, MINUTE + 2, MINUTE + 3, MINUTE + 3, MINUTE + 4};
        changes(one, 0, p0);
        changes(one, 1, p1);
        heartbeat(one, HEARTBEATS, MINUTE + 8, READ_TO_THE_END);
        List<String> fromOne = windows(DueWindows.of(oneStore, TABLE, kinds(), 2, 1000).orElseThrow().observations());

        AnomalyMonitorTest other = new AnomalyMonitorTest();
        AnomalyMonitor first = other.instance(0);
        AnomalyMonitor second = other.instance(1);
        other.changes(first, 0, p0);
        other.changes(second, 1, p1);
        other.heartbeat(first, HEARTBEATS, MINUTE + 8, READ_TO_THE_END);
        other.heartbeat(second, HEARTBEATS, MINUTE + 8, READ_TO_THE_END);
        List<String> fromTwo = windows(DueWindows.of(other.store, TABLE, kinds(), 2, 1000).orElseThrow()
                .observations());

        assertThat(fromTwo).isEqualTo(fromOne).contains("changes_create@" + (MINUTE + 3) * 60 + "=2.0");
    }

    @Test
    void aPartitionHandedOverGoesOnFromWhereTheLastInstanceStored() {
        changes(monitor, 0, MINUTE, MINUTE + 1);
        monitor.released(new PartitionsMoved(List.of(new TopicPartition(TOPIC, 0))));
        AnomalyMonitor next = instance(0);
        offsets[0] = 1;
        // the new holder reads the uncommitted batch again, then the rest
        changes(next, 0, MINUTE + 1, MINUTE + 1, MINUTE + 3);
        heartbeat(next, HEARTBEATS, MINUTE + 6, READ_TO_THE_END);
        assertThat(windows(due(1))).contains("changes_create@" + (MINUTE + 1) * 60 + "=2.0");
    }

    @Test
    void anInstanceThatLostItsPartitionCannotStoreOverTheNewHolder() {
        changes(monitor, 0, MINUTE);
        AnomalyMonitor next = instance(0);
        changes(next, 0, MINUTE + 1);
        offsets[0] = 1;
        assertThatThrownBy(() -> changes(monitor, 0, MINUTE + 1)).isInstanceOf(MovedOnException.class);
    }

    private List<Observation> due(int partitions) {
        return DueWindows.of(store, TABLE, kinds(), partitions, 1000).map(DueWindows::observations)
                .orElse(List.of());
    }

    private java.util.Set<String> kinds() {
        return monitor.kinds(TABLE).orElseThrow();
    }

    private static List<String> windows(List<Observation> observations) {
        List<String> windows = new ArrayList<>();
        observations.forEach(o -> windows.add(o.signal().name() + '@' + o.windowStart().getEpochSecond() + '=' + o.value()));
        windows.sort(null);
        return windows;
    }

    private void changes(AnomalyMonitor instance, int partition, long... minutes) {
        List<StoredChange> batch = new ArrayList<>();
        Arrays.stream(minutes).forEach(minute -> batch.add(new StoredChange(new ChangeEvent(TABLE, Op.CREATE,
                Map.of("id", 1), null, Map.of("qty", 1), Instant.ofEpochSecond(minute * 60), Position.postgres(1L, 1L),
                Map.of()), false, TOPIC, partition, offsets[partition]++)));
        instance.record(batch, List.of(), CaughtUp.UNKNOWN);
    }

    private void heartbeat(AnomalyMonitor instance, String topic, long minute, CaughtUp caughtUp) {
        instance.record(List.of(), List.of(new AnomalyMonitor.Heartbeat(topic, Instant.ofEpochSecond(minute * 60))),
                caughtUp);
    }

    /** An instance of the group that holds these partitions of the table's topic of two. */
    private AnomalyMonitor instance(int... partitions) {
        return new AnomalyMonitor(rules, store, new TableLeads() {
            @Override
            public boolean leads(String table) {
                return true;
            }

            @Override
            public List<Held> held(String table) {
                return Arrays.stream(partitions).mapToObj(p -> new Held(TOPIC, p)).toList();
            }

            @Override
            public int partitions(String table) {
                return 2;
            }
        });
    }
}
