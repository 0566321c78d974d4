package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.dqmonitor.cdc.Position;
import io.dqmonitor.partitions.MovedOnException;
import io.dqmonitor.partitions.PartitionFences;
import io.dqmonitor.partitions.PartitionKey;
import io.dqmonitor.stack.EmbeddedStack;
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

/** The completeness ledger's tables on a real PostgreSQL, as two instances of one group and one of another use them. */
class JdbcLedgerStoreIT {

    private static final TransactionSnapshot SNAPSHOT = TransactionSnapshot.parse("97:100:97");
    private static DriverManagerDataSource db;

    private final String group = "group-" + UUID.randomUUID();
    private final LedgerStore one = store(group);
    private final LedgerStore two = store(group);
    private final PartitionKey key = new PartitionKey("monitoring_server.public.t", 3, "public.t");

    @BeforeAll
    static void migrate() {
        EmbeddedStack stack = SharedStack.get();
        db = new DriverManagerDataSource(stack.jdbcUrl(), "postgres", "postgres");
        Flyway.configure().dataSource(db).schemas("dq_monitor").createSchemas(true).load().migrate();
    }

    @Test
    void aPartitionLedgerLoadsBackWithItsPendingChanges() {
        long check = one.begin("public.t");
        PartitionLedger ledger = PartitionLedger.empty(key);
        ledger.record(5, Position.postgres(1L, 101L), 1, 0, Map.of(check, Optional.empty()));
        one.save(List.of(ledger));

        PartitionLedger loaded = two.load(key).orElseThrow();
        assertThat(loaded.nextOffset()).isEqualTo(6);
        assertThat(loaded.rows()).isEqualTo(1);
        assertThat(loaded.tallies()).isEqualTo(ledger.tallies());
        assertThat(loaded.seenBy(check, TransactionSnapshot.parse("102:102:"))).containsExactly(1, 0);
    }

    @Test
    void aLedgerStoredByAnotherInstanceSinceItWasReadCannotBeOverwritten() {
        PartitionLedger first = PartitionLedger.empty(key);
        first.record(0, Position.postgres(1L, 101L), 1, 0, Map.of());
        one.save(List.of(first));
        PartitionLedger taken = two.load(key).orElseThrow();
        taken.record(1, Position.postgres(2L, 102L), 1, 0, Map.of());
        two.save(List.of(taken));

        first.record(1, Position.postgres(2L, 102L), 1, 0, Map.of());
        assertThatThrownBy(() -> one.save(List.of(first))).isInstanceOf(MovedOnException.class);
        assertThat(one.load(key).orElseThrow().nextOffset()).isEqualTo(2);
    }

    @Test
    void twoFirstLedgersOfOnePartitionCannotBothBeStored() {
        one.save(List.of(PartitionLedger.empty(key)));
        assertThatThrownBy(() -> two.save(List.of(PartitionLedger.empty(key))))
                .isInstanceOf(MovedOnException.class);
    }

    @Test
    void aCheckIsSettledOnceAgainstTheBaseline() {
        long first = completed(10);
        assertThat(one.rebase("public.t", first, null)).isTrue();
        long second = completed(11);
        assertThat(two.completed("public.t", Duration.ZERO)).containsExactly(
                new LedgerStore.CompletedCheck(second, 11, SNAPSHOT));
        assertThat(one.settle("public.t", second, 1)).isTrue();
        assertThat(two.settle("public.t", second, 5)).isFalse();
        assertThat(two.baseline("public.t")).contains(
                new LedgerStore.Baseline(new LedgerStore.CompletedCheck(first, 10, SNAPSHOT), 1L));
        assertThat(two.completed("public.t", Duration.ZERO)).isEmpty();
    }

    @Test
    void aNewBaselineReplacesTheOldOneAndStaysOpen() {
        long first = completed(10);
        one.rebase("public.t", first, null);
        long second = completed(0);
        assertThat(one.rebase("public.t", second, 2L)).isTrue();
        assertThat(two.rebase("public.t", second, 3L)).isFalse();
        assertThat(two.baseline("public.t")).contains(
                new LedgerStore.Baseline(new LedgerStore.CompletedCheck(second, 0, SNAPSHOT), 2L));
        assertThat(two.checks(Set.of("public.t")).get("public.t")).containsOnlyKeys(second);
    }

    private long completed(long rows) {
        long check = one.begin("public.t");
        one.complete(check, rows, SNAPSHOT);
        return check;
    }

    @Test
    void checksNotOldEnoughWaitAndUnfinishedOnesAreDiscardedWhenOld() {
        long finished = one.begin("public.t");
        one.complete(finished, 10, SNAPSHOT);
        long unfinished = one.begin("public.t");
        assertThat(one.completed("public.t", Duration.ofMinutes(1))).isEmpty();
        one.discardUnfinished("public.t", Duration.ofMinutes(1));
        assertThat(one.checks(Set.of("public.t")).get("public.t")).containsOnlyKeys(finished, unfinished);
        one.discardUnfinished("public.t", Duration.ZERO);
        assertThat(one.checks(Set.of("public.t")).get("public.t")).containsOnlyKeys(finished);
        assertThat(one.checks(Set.of("public.t")).get("public.t").get(finished)).contains(SNAPSHOT);
    }

    @Test
    void anotherGroupKeepsALedgerOfItsOwn() {
        one.begin("public.t");
        one.save(List.of(PartitionLedger.empty(key)));
        LedgerStore elsewhere = store("other-" + group);
        assertThat(elsewhere.checks(Set.of("public.t"))).isEmpty();
        assertThat(elsewhere.load(key)).isEmpty();
        assertThat(elsewhere.partitions("public.t")).isEmpty();
    }

    private static LedgerStore store(String group) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().setGroupId(group);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(db));
        return new JdbcLedgerStore(new JdbcTemplate(db), transactions, JsonMapper.builder().build(),
                new PartitionFences(new JdbcTemplate(db), transactions, kafka));
    }
}
