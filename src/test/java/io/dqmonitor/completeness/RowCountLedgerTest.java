package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.partitions.MovedOnException;
import io.dqmonitor.partitions.PartitionsMoved;
import io.dqmonitor.partitions.StoredChange;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.tasks.BackgroundTasksFixture;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The ledger and its checks over a store in memory: each {@link #check} settles the checks before it (its result is
 * the drift of the one before) and takes a new count. Several {@link RowCountLedger}s on one store are several
 * instances of one consumer group.
 */
class RowCountLedgerTest {

    private static final String TABLE = "public.t";
    /** Transactions below 100 had committed, except 97, which was still running. */
    private static final TransactionSnapshot BASELINE = TransactionSnapshot.parse("97:100:97");
    /** A later check that sees every transaction below 110. */
    private static final TransactionSnapshot LATER = TransactionSnapshot.parse("110:110:");
    private static final TransactionSnapshot LATEST = TransactionSnapshot.parse("200:200:");

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final RulesInForce rules = RuleFixtures.inForce(
            Map.of(TABLE, new TableRules(TABLE, null, List.of(), List.of(), null, null)));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CompletenessChecker checker = checker();
    private final RowCountLedger ledger = instance();
    private long offset;

    @Test
    void theFirstChecksTakeTheBaselineAndReportNoDrift() {
        assertThat(check(10, BASELINE)).isEmpty();
        assertThat(check(10, LATER)).isEmpty();
    }

    @Test
    void aCheckIsSettledByTheNextOne() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        assertThat(check(11, LATER)).isEmpty();
        assertThat(check(11, LATEST)).hasValue(0.0);
    }

    @Test
    void createsAndDeletesPastTheBaselineAreAccountedFor() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        record(Op.CREATE, 102);
        record(Op.DELETE, 103);
        record(Op.UPDATE, 104);
        check(11, LATER);
        assertThat(check(11, LATEST)).hasValue(0.0);
    }

    @Test
    void aLostCreateShowsAsPositiveDrift() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        check(12, LATER);
        assertThat(check(12, LATEST)).hasValue(1.0);
    }

    @Test
    void eventsStillOnTheirWayAtACheckAreNotDrift() {
        check(10, BASELINE);
        check(12, LATER);
        record(Op.CREATE, 101);
        record(Op.CREATE, 102);
        assertThat(check(12, LATEST)).hasValue(0.0);
    }

    @Test
    void eventsAfterACheckSnapshotDoNotCountForIt() {
        check(10, BASELINE);
        check(10, LATER);
        record(Op.CREATE, 150);
        assertThat(check(11, LATEST)).hasValue(0.0);
    }

    @Test
    void eventsRecordedWhileTheSnapshotIsTakenAreClassifiedByIt() {
        check(10, BASELINE);
        checker.check(TABLE, table -> {
            record(Op.CREATE, 105);
            record(Op.CREATE, 150);
            return new RowCounter.Counted(11, LATER);
        });
        assertThat(check(12, LATEST)).hasValue(0.0);
    }

    @Test
    void transactionsTheBaselineSawAreAlreadyInTheCount() {
        record(Op.CREATE, 12);
        check(10, BASELINE);
        record(Op.CREATE, 99);
        check(10, LATER);
        assertThat(check(10, LATEST)).hasValue(0.0);
    }

    @Test
    void aChangeTheBaselineSawThatArrivesAfterItWasSettledIsNoDrift() {
        check(10, BASELINE);
        check(10, LATER);
        // committed before the baseline's snapshot (in both counts of 10), read only now
        record(Op.CREATE, 99);
        assertThat(check(10, LATEST)).hasValue(0.0);
    }

    @Test
    void aTransactionInFlightAtTheBaselineIsCounted() {
        check(10, BASELINE);
        record(Op.CREATE, 97);
        check(11, LATER);
        assertThat(check(11, LATEST)).hasValue(0.0);
    }

    @Test
    void snapshotIdsWithAnEpochCompareAsTheStreamsIds() {
        TransactionSnapshot snapshot = TransactionSnapshot.parse((1L << 32 | 500) + ":" + (1L << 32 | 510) + ":");
        assertThat(snapshot.sees(499)).isTrue();
        assertThat(snapshot.sees(505)).isTrue();
        assertThat(snapshot.sees(510)).isFalse();
    }

    @Test
    void snapshotsReadBackAsStored() {
        assertThat(SourceSnapshot.parse(BASELINE.text())).isEqualTo(BASELINE);
        BinlogSnapshot binlog = new BinlogSnapshot("mariadb-bin.000003", 1204);
        assertThat(SourceSnapshot.parse(binlog.text())).isEqualTo(binlog);
    }

    @Test
    void aRedeliveredRecordCountsOnce() {
        check(0, BASELINE);
        record(ledger, 0, 7, event(Op.CREATE, 101));
        record(ledger, 0, 7, event(Op.CREATE, 101));
        check(1, LATER);
        assertThat(check(1, LATEST)).hasValue(0.0);
    }

    @Test
    void aTruncateTakesANewBaseline() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        record(Op.TRUNCATE, 102);
        record(Op.CREATE, 103);
        check(1, TransactionSnapshot.parse("120:120:"));
        assertThat(check(1, LATEST)).isEmpty();
        assertThat(check(1, TransactionSnapshot.parse("300:300:"))).hasValue(0.0);
    }

    @Test
    void aCheckThatFailedBeforeItsSnapshotIsForgotten() {
        check(10, BASELINE);
        assertThatThrownBy(() -> checker.check(TABLE, table -> {
            throw new IllegalStateException("the database went away");
        })).hasMessageContaining("went away");
        store.begin(TABLE);
        check(11, LATER);
        record(Op.CREATE, 101);
        assertThat(check(11, LATEST)).hasValue(0.0);
    }

    @Test
    void binlogChangesAreClassifiedByTheirPositionAgainstTheSnapshots() {
        check(10, new BinlogSnapshot("mariadb-bin.000001", 1000));
        recordAt(Op.CREATE, "mariadb-bin.000001", 900);
        recordAt(Op.CREATE, "mariadb-bin.000001", 1100);
        recordAt(Op.DELETE, "mariadb-bin.000002", 4);
        recordAt(Op.CREATE, "mariadb-bin.000002", 200);
        check(11, new BinlogSnapshot("mariadb-bin.000002", 100));
        assertThat(check(11, new BinlogSnapshot("mariadb-bin.000003", 4))).hasValue(0.0);
    }

    @Test
    void aBinlogChangeLeftOutOfTheStreamIsDrift() {
        check(10, new BinlogSnapshot("mariadb-bin.000001", 1000));
        recordAt(Op.CREATE, "mariadb-bin.000001", 1100);
        check(12, new BinlogSnapshot("mariadb-bin.000001", 2000));
        assertThat(check(12, new BinlogSnapshot("mariadb-bin.000001", 3000))).hasValue(1.0);
    }

    @Test
    void changesReadByTwoInstancesFromTwoPartitionsAddUpAsFromOne() {
        RowCountLedger other = instance();
        check(10, BASELINE);
        record(ledger, 0, 0, event(Op.CREATE, 101));
        record(other, 1, 0, event(Op.CREATE, 102));
        checker.check(TABLE, table -> {
            record(other, 1, 1, event(Op.CREATE, 105));
            record(ledger, 0, 1, event(Op.DELETE, 150));
            return new RowCounter.Counted(13, LATER);
        });
        record(other, 1, 2, event(Op.CREATE, 160));
        assertThat(check(12, LATEST)).hasValue(0.0);
    }

    @Test
    void aPartitionHandedOverGoesOnFromWhereTheLastInstanceStored() {
        RowCountLedger other = instance();
        check(10, BASELINE);
        record(ledger, 0, 0, event(Op.CREATE, 101));
        ledger.released(new PartitionsMoved(List.of(new TopicPartition("topic", 0))));
        // the new owner reads the batch again from the last committed offset, and then the rest
        record(other, 0, 0, event(Op.CREATE, 101));
        record(other, 0, 1, event(Op.CREATE, 102));
        check(12, LATER);
        assertThat(check(12, LATEST)).hasValue(0.0);
    }

    @Test
    void anInstanceThatLostItsPartitionCannotStoreOverTheNewOwner() {
        RowCountLedger other = instance();
        record(ledger, 0, 0, event(Op.CREATE, 101));
        record(other, 0, 1, event(Op.CREATE, 102));
        assertThatThrownBy(() -> record(ledger, 0, 1, event(Op.CREATE, 102)))
                .isInstanceOf(MovedOnException.class).hasMessageContaining("topic-0");
    }

    @Test
    void aTableWithoutRulesIsCountedSoThatItsLedgerIsCompleteWhenItGetsSome() {
        ledger.record(List.of(new StoredChange(new ChangeEvent("public.other", Op.CREATE, Map.of("id", 1),
                null, Map.of("id", 1), null, Position.postgres(1L, 101L), Map.of()), false, "other", 0, 0)));
        assertThat(store.partitions("public.other")).singleElement().extracting(PartitionLedger::rows).isEqualTo(1L);
    }

    @Test
    void aCollectionOfADatabaseThatIsNotCountedIsLeftOut() {
        CompletenessProperties mongo = new CompletenessProperties(true, Duration.ofMinutes(5),
                Map.of("mongo", new CompletenessProperties.Database("shop\\..*", null, null, null)));
        new RowCountLedger(store, CompletenessFixtures.counters(mongo), mongo).record(List.of(new StoredChange(
                new ChangeEvent("shop.orders", Op.CREATE, Map.of("id", 1), null, Map.of("id", 1), null,
                        Position.postgres(1L, 101L), Map.of()), false, "orders", 0, 0)));
        assertThat(store.partitions("shop.orders")).isEmpty();
    }

    @Test
    void tableNamesAreQuotedForSql() {
        assertThat(PostgresRowCounter.quote("public.user_activities")).isEqualTo("\"public\".\"user_activities\"");
        assertThat(PostgresRowCounter.quote("s.we\"ird")).isEqualTo("\"s\".\"we\"\"ird\"");
        assertThat(BinlogRowCounter.quote("monitoring.we`ird")).isEqualTo("`monitoring`.`we``ird`");
    }

    private Optional<Double> check(long count, SourceSnapshot snapshot) {
        checker.check(TABLE, table -> new RowCounter.Counted(count, snapshot));
        return Optional.ofNullable(registry.find("dq.cdc.row.count.drift").tag("table", TABLE).gauge())
                .map(Gauge::value);
    }

    private void record(Op op, long txId) {
        record(ledger, 0, offset++, event(op, txId));
    }

    private void recordAt(Op op, String file, long pos) {
        record(ledger, 0, offset++, new ChangeEvent(TABLE, op, Map.of("id", pos), null, Map.of("id", pos), null,
                new Position.Binlog("mariadb", 1L, null, file, pos, 0L), Map.of()));
    }

    private static void record(RowCountLedger instance, int partition, long at, ChangeEvent event) {
        instance.record(List.of(new StoredChange(event, false, "topic", partition, at)));
    }

    private static ChangeEvent event(Op op, long txId) {
        return new ChangeEvent(TABLE, op, Map.of("id", txId), null, Map.of("id", txId), null,
                Position.postgres(txId, txId), Map.of());
    }

    private RowCountLedger instance() {
        CompletenessProperties on = new CompletenessProperties(true, Duration.ofMinutes(5), Map.of());
        return new RowCountLedger(store, CompletenessFixtures.counters(on), on);
    }

    private CompletenessChecker checker() {
        // off: the test runs each check itself
        CompletenessProperties off = new CompletenessProperties(false, Duration.ofMinutes(5), Map.of());
        return new CompletenessChecker(store, rules, CompletenessFixtures.counters(off),
                new CompletenessMetrics(registry), off, table -> true,
                BackgroundTasksFixture.tasks(registry, Clock.systemUTC()),
                io.dqmonitor.rules.RuleMetricsFixture.of(registry));
    }
}
