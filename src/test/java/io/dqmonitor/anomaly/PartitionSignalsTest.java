package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.rules.AnomalyRules;
import org.junit.jupiter.api.Test;

class PartitionSignalsTest {

    private static final long MINUTE = 29_000_000L;

    private final PartitionSignals partition = PartitionSignals.empty(new PartitionKey("t", 0, "public.t"));
    private long offset;

    private PartitionSignals.Added add(Op op, long minute) {
        return partition.add(offset++, new ChangeEvent("public.t", op, Map.of("id", 1), null,
                op == Op.DELETE ? null : Map.of("email", "a@b"), Instant.ofEpochSecond(minute * 60),
                Position.postgres(1L, 1L), Map.of()), false, AnomalyRules.KINDS, List.of("email"));
    }

    @Test
    void aMinuteClosesWhenAChangeOfALaterOneArrives() {
        add(Op.CREATE, MINUTE);
        add(Op.DELETE, MINUTE);
        assertThat(partition.closed()).isEmpty();
        add(Op.CREATE, MINUTE + 3);
        assertThat(partition.closed()).singleElement().satisfies(closed -> {
            assertThat(closed.minute()).isEqualTo(MINUTE);
            assertThat(closed.counts().changes()).containsExactly(1, 0, 1);
            assertThat(closed.counts().pools().get("delete_share")).containsExactly(1, 2);
            assertThat(closed.counts().pools().get("null_rate:email")).containsExactly(0, 1);
        });
        assertThat(partition.openMinute()).isEqualTo(MINUTE + 3);
    }

    @Test
    void aChangeOfAnAlreadyClosedMinuteIsLate() {
        add(Op.CREATE, MINUTE + 2);
        assertThat(add(Op.CREATE, MINUTE + 1)).isEqualTo(PartitionSignals.Added.LATE);
        assertThat(partition.open().changes()).containsExactly(1, 0, 0);
    }

    @Test
    void aRecordReadBeforeCountsOnce() {
        add(Op.CREATE, MINUTE);
        offset--;
        assertThat(add(Op.CREATE, MINUTE)).isEqualTo(PartitionSignals.Added.READ_BEFORE);
        assertThat(partition.open().changes()).containsExactly(1, 0, 0);
    }

    @Test
    void aHeartbeatClosesTheOpenMinuteAndAQuietPartitionsToo() {
        partition.advance(MINUTE);
        assertThat(partition.openMinute()).isEqualTo(MINUTE);
        add(Op.CREATE, MINUTE);
        partition.advance(MINUTE + 5);
        assertThat(partition.closed()).extracting(PartitionSignals.Closed::minute).containsExactly(MINUTE);
        assertThat(partition.openMinute()).isEqualTo(MINUTE + 5);
        partition.stored();
        partition.advance(MINUTE + 4);
        assertThat(partition.moved()).as("a heartbeat behind the open minute").isFalse();
    }

    @Test
    void aChangeFromTheFarFutureDoesNotMakeEveryLaterChangeLate() {
        add(Op.CREATE, MINUTE);
        add(Op.CREATE, MINUTE + 100_000);
        assertThat(add(Op.CREATE, MINUTE + 1)).isEqualTo(PartitionSignals.Added.COUNTED);
        assertThat(partition.openMinute()).isEqualTo(MINUTE + 1);
    }
}
