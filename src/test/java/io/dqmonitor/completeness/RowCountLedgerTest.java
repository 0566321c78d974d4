package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import org.junit.jupiter.api.Test;

class RowCountLedgerTest {

    /** Transactions below 100 had committed, except 97, which was still running. */
    private static final TransactionSnapshot SNAPSHOT = TransactionSnapshot.parse("97:100:97");

    private final RowCountLedger ledger = new RowCountLedger();
    private long offset;

    @Test
    void noDriftBeforeABaseline() {
        assertThat(ledger.drift("public.t", 5)).isEmpty();
    }

    @Test
    void createsAndDeletesPastTheBaselineAreAccountedFor() {
        ledger.baseline("public.t", 10, SNAPSHOT);
        record(Op.CREATE, 101);
        record(Op.CREATE, 102);
        record(Op.DELETE, 103);
        record(Op.UPDATE, 104);
        assertThat(ledger.drift("public.t", 11)).hasValue(0);
    }

    @Test
    void aLostCreateShowsAsPositiveDrift() {
        ledger.baseline("public.t", 10, SNAPSHOT);
        record(Op.CREATE, 101);
        assertThat(ledger.drift("public.t", 12)).hasValue(1);
    }

    @Test
    void transactionsTheBaselineSawAreAlreadyInTheCount() {
        ledger.baseline("public.t", 10, SNAPSHOT);
        record(Op.CREATE, 99);
        record(Op.CREATE, 12);
        assertThat(ledger.drift("public.t", 10)).hasValue(0);
    }

    @Test
    void aTransactionInFlightAtTheBaselineIsCounted() {
        ledger.baseline("public.t", 10, SNAPSHOT);
        record(Op.CREATE, 97);
        assertThat(ledger.drift("public.t", 11)).hasValue(0);
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
        ledger.baseline("public.t", 0, SNAPSHOT);
        ChangeEvent create = event(Op.CREATE, 101);
        ledger.record(create, "topic", 0, 7);
        ledger.record(create, "topic", 0, 7);
        assertThat(ledger.drift("public.t", 1)).hasValue(0);
    }

    @Test
    void aTruncateStartsFromZero() {
        ledger.baseline("public.t", 10, SNAPSHOT);
        record(Op.CREATE, 101);
        record(Op.TRUNCATE, 102);
        record(Op.CREATE, 103);
        assertThat(ledger.drift("public.t", 1)).hasValue(0);
    }

    @Test
    void tableNamesAreQuotedForSql() {
        assertThat(CompletenessChecker.quote("public.user_activities")).isEqualTo("\"public\".\"user_activities\"");
        assertThat(CompletenessChecker.quote("s.we\"ird")).isEqualTo("\"s\".\"we\"\"ird\"");
    }

    private void record(Op op, long txId) {
        ledger.record(event(op, txId), "topic", 0, offset++);
    }

    private static ChangeEvent event(Op op, long txId) {
        return new ChangeEvent("public.t", op, Map.of("id", txId), null, Map.of("id", txId), null, txId, txId, Map.of());
    }
}
