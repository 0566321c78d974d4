package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import org.junit.jupiter.api.Test;

class RowCountLedgerTest {

    /** Transactions below 100 had committed, except 97, which was still running. */
    private static final TransactionSnapshot BASELINE = TransactionSnapshot.parse("97:100:97");
    /** A later check that sees every transaction below 110. */
    private static final TransactionSnapshot LATER = TransactionSnapshot.parse("110:110:");
    private static final TransactionSnapshot LATEST = TransactionSnapshot.parse("200:200:");

    private final RowCountLedger ledger = new RowCountLedger();
    private long offset;

    @Test
    void theFirstCheckIsTheBaselineAndReportsNoDrift() {
        assertThat(check(10, BASELINE)).isEmpty();
    }

    @Test
    void aCheckIsSettledByTheNextOne() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        assertThat(check(11, LATER)).isEmpty();
        assertThat(check(11, LATEST)).hasValue(0);
    }

    @Test
    void createsAndDeletesPastTheBaselineAreAccountedFor() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        record(Op.CREATE, 102);
        record(Op.DELETE, 103);
        record(Op.UPDATE, 104);
        check(11, LATER);
        assertThat(check(11, LATEST)).hasValue(0);
    }

    @Test
    void aLostCreateShowsAsPositiveDrift() {
        check(10, BASELINE);
        record(Op.CREATE, 101);
        check(12, LATER);
        assertThat(check(12, LATEST)).hasValue(1);
    }

    @Test
    void eventsStillOnTheirWayAtACheckAreNotDrift() {
        check(10, BASELINE);
        check(12, LATER);
        record(Op.CREATE, 101);
        record(Op.CREATE, 102);
        assertThat(check(12, LATEST)).hasValue(0);
    }

    @Test
    void eventsAfterACheckSnapshotDoNotCountForIt() {
        check(10, BASELINE);
        check(10, LATER);
        record(Op.CREATE, 150);
        assertThat(check(11, LATEST)).hasValue(0);
    }

    @Test
    void eventsRecordedWhileTheSnapshotIsTakenAreClassifiedByIt() {
        check(10, BASELINE);
        RowCountLedger.Check during = ledger.begin("public.t");
        record(Op.CREATE, 105);
        record(Op.CREATE, 150);
        ledger.complete(during, 11, LATER);
        assertThat(check(12, LATEST)).hasValue(0);
    }

    @Test
    void transactionsTheBaselineSawAreAlreadyInTheCount() {
        check(10, BASELINE);
        record(Op.CREATE, 99);
        record(Op.CREATE, 12);
        check(10, LATER);
        assertThat(check(10, LATEST)).hasValue(0);
    }

    @Test
    void aTransactionInFlightAtTheBaselineIsCounted() {
        check(10, BASELINE);
        record(Op.CREATE, 97);
        check(11, LATER);
        assertThat(check(11, LATEST)).hasValue(0);
    }

    @Test
    void snapshotIdsWithAnEpochCompareAsTheStreamsIds() {
        TransactionSnapshot snapshot = TransactionSnapshot.parse((1L << 32 | 500) + ":" + (1L << 32 | 510) + ":");
        assertThat(snapshot.sees(499)).isTrue();
        assertThat(snapshot.sees(505)).isTrue();
        assertThat(snapshot.sees(510)).isFalse();
    }

    @Test
    void aRedeliveredRecordCountsOnce() {
        check(0, BASELINE);
        ChangeEvent create = event(Op.CREATE, 101);
        ledger.record(create, "topic", 0, 7);
        ledger.record(create, "topic", 0, 7);
        check(1, LATER);
        assertThat(check(1, LATEST)).hasValue(0);
    }

    @Test
    void aTruncateStartsFromZero() {
        check(10, BASELINE);
        check(11, LATER);
        record(Op.CREATE, 101);
        record(Op.TRUNCATE, 102);
        record(Op.CREATE, 103);
        assertThat(check(1, TransactionSnapshot.parse("120:120:"))).isEmpty();
        assertThat(check(1, LATEST)).hasValue(0);
    }

    @Test
    void aCheckThatFailedBeforeItsSnapshotIsForgotten() {
        check(10, BASELINE);
        ledger.begin("public.t");
        check(11, LATER);
        record(Op.CREATE, 101);
        assertThat(check(11, LATEST)).hasValue(0);
    }

    @Test
    void binlogChangesAreClassifiedByTheirPositionAgainstTheSnapshots() {
        check(10, new BinlogSnapshot("mariadb-bin.000001", 1000));
        recordAt(Op.CREATE, "mariadb-bin.000001", 900);
        recordAt(Op.CREATE, "mariadb-bin.000001", 1100);
        recordAt(Op.DELETE, "mariadb-bin.000002", 4);
        recordAt(Op.CREATE, "mariadb-bin.000002", 200);
        check(11, new BinlogSnapshot("mariadb-bin.000002", 100));
        assertThat(check(11, new BinlogSnapshot("mariadb-bin.000003", 4))).hasValue(0);
    }

    @Test
    void aBinlogChangeLeftOutOfTheStreamIsDrift() {
        check(10, new BinlogSnapshot("mariadb-bin.000001", 1000));
        recordAt(Op.CREATE, "mariadb-bin.000001", 1100);
        check(12, new BinlogSnapshot("mariadb-bin.000001", 2000));
        assertThat(check(12, new BinlogSnapshot("mariadb-bin.000001", 3000))).hasValue(1);
    }

    @Test
    void tableNamesAreQuotedForSql() {
        assertThat(PostgresRowCounter.quote("public.user_activities")).isEqualTo("\"public\".\"user_activities\"");
        assertThat(PostgresRowCounter.quote("s.we\"ird")).isEqualTo("\"s\".\"we\"\"ird\"");
        assertThat(BinlogRowCounter.quote("monitoring.we`ird")).isEqualTo("`monitoring`.`we``ird`");
    }

    private void recordAt(Op op, String file, long pos) {
        ledger.record(new ChangeEvent("public.t", op, Map.of("id", pos), null, Map.of("id", pos), null,
                new Position.Binlog("mariadb", 1L, null, file, pos, 0L), Map.of()), "topic", 0, offset++);
    }

    private OptionalLong check(long count, SourceSnapshot snapshot) {
        return ledger.complete(ledger.begin("public.t"), count, snapshot);
    }

    private void record(Op op, long txId) {
        ledger.record(event(op, txId), "topic", 0, offset++);
    }

    private static ChangeEvent event(Op op, long txId) {
        return new ChangeEvent("public.t", op, Map.of("id", txId), null, Map.of("id", txId), null, Position.postgres(txId, txId),
                Map.of());
    }
}
