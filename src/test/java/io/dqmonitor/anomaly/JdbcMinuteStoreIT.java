package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.partitions.MovedOnException;
import io.dqmonitor.partitions.PartitionFences;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.rules.AnomalyRules;
import io.dqmonitor.stack.SharedStack;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The anomaly minutes' tables on a real PostgreSQL, as two instances of one group use them. */
class JdbcMinuteStoreIT {

    private static final long MINUTE = 29_000_000L;
    private static DriverManagerDataSource db;

    private final String group = "group-" + UUID.randomUUID();
    private final MinuteStore one = store();
    private final MinuteStore two = store();

    @BeforeAll
    static void migrate() {
        db = new DriverManagerDataSource(SharedStack.get().jdbcUrl(), "postgres", "postgres");
        Flyway.configure().dataSource(db).schemas("dq_monitor").createSchemas(true).load().migrate();
    }

    @Test
    void closedMinutesAreSummedOverPartitionsAndThePlaceLoadsBack() {
        PartitionSignals p0 = partition(0, MINUTE, MINUTE, MINUTE + 1);
        PartitionSignals p1 = partition(1, MINUTE, MINUTE + 2);
        one.save(List.of(p0));
        two.save(List.of(p1));

        assertThat(one.minutes("public.t", MINUTE, MINUTE + 5)).containsOnlyKeys(MINUTE)
                .hasEntrySatisfying(MINUTE, counts -> assertThat(counts.changes()).containsExactly(3, 0, 0));
        PartitionSignals loaded = two.load(p0.key()).orElseThrow();
        assertThat(loaded.openMinute()).isEqualTo(MINUTE + 1);
        assertThat(loaded.nextOffset()).isEqualTo(3);
        assertThat(loaded.open().changes()).containsExactly(1, 0, 0);
        assertThat(one.partitions("public.t")).hasSize(2);
    }

    @Test
    void partitionsStoredByAnotherInstanceSinceTheyWereReadCannotBeOverwritten() {
        PartitionSignals mine = partition(0, MINUTE);
        one.save(List.of(mine));
        PartitionSignals taken = two.load(mine.key()).orElseThrow();
        taken.advance(MINUTE + 3);
        taken.add(1, change(MINUTE + 3), false, AnomalyRules.KINDS, List.of());
        two.save(List.of(taken));
        mine.add(1, change(MINUTE + 1), false, AnomalyRules.KINDS, List.of());
        assertThatThrownBy(() -> one.save(List.of(mine))).isInstanceOf(MovedOnException.class);
    }

    @Test
    void theLeadsPlaceIsStoredAndTheMinutesBeforeItDropped() {
        one.save(List.of(partition(0, MINUTE, MINUTE + 1, MINUTE + 2)));
        TableWindows.State state = new TableWindows.State(MINUTE + 1, Map.of("delete_share", new double[] {1, 2, 5}));
        one.judged("public.t", state);
        TableWindows.State loaded = two.state("public.t");
        assertThat(loaded.nextMinute()).isEqualTo(MINUTE + 1);
        assertThat(loaded.pools().get("delete_share")).containsExactly(1, 2, 5);
        assertThat(two.minutes("public.t", 0, Long.MAX_VALUE)).containsOnlyKeys(MINUTE + 1);
        assertThat(store().state("public.other").nextMinute()).isEqualTo(Long.MIN_VALUE);
    }

    private PartitionSignals partition(int partition, long... minutes) {
        PartitionSignals signals = PartitionSignals.empty(new PartitionKey("topic", partition, "public.t"));
        for (int i = 0; i < minutes.length; i++) {
            signals.add(i, change(minutes[i]), false, AnomalyRules.KINDS, List.of());
        }
        return signals;
    }

    private static ChangeEvent change(long minute) {
        return new ChangeEvent("public.t", Op.CREATE, Map.of("id", 1), null, Map.of("id", 1),
                Instant.ofEpochSecond(minute * 60), Position.postgres(1L, 1L), Map.of());
    }

    private MinuteStore store() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().setGroupId(group);
        return new JdbcMinuteStore(new JdbcTemplate(db), JsonMapper.builder().build(), new PartitionFences(
                new JdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)), kafka));
    }
}
