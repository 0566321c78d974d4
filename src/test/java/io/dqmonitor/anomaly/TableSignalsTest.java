package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.rules.AnomalyRules;
import org.junit.jupiter.api.Test;

class TableSignalsTest {

    private static final long MINUTE = 29_000_000L;

    private final AtomicInteger late = new AtomicInteger();
    private final TableSignals signals = new TableSignals("public.t", AnomalyRules.KINDS, List.of("email", "amount"),
            late::incrementAndGet);

    private static ChangeEvent change(Op op, long minute, int second, String email, BigDecimal amount) {
        Map<String, Object> after = new HashMap<>();
        after.put("email", email);
        after.put("amount", amount);
        return new ChangeEvent("public.t", op, Map.of("id", 1), null, op == Op.DELETE ? null : after,
                Instant.ofEpochSecond(minute * 60 + second), Position.postgres(1L, 1L), Map.of());
    }

    private static double value(List<Observation> observations, String signal, long minute) {
        return observations.stream().filter(o -> o.signal().name().equals(signal)
                && o.windowStart().getEpochSecond() == minute * 60).findFirst().orElseThrow().value();
    }

    @Test
    void theMinuteUnderWayAtTheStartIsNotJudged() {
        signals.add(change(Op.CREATE, MINUTE, 50, "a@b", null), false);
        List<Observation> closed = signals.add(change(Op.CREATE, MINUTE + 1, 0, "a@b", null), false);
        assertThat(closed).isEmpty();
    }

    @Test
    void countsEachMinutesChangesByOperationAndClosesQuietMinutesWithZero() {
        signals.add(change(Op.CREATE, MINUTE, 0, "a@b", null), false);
        signals.add(change(Op.CREATE, MINUTE + 1, 0, "a@b", null), false);
        signals.add(change(Op.CREATE, MINUTE + 1, 1, "a@b", null), false);
        signals.add(change(Op.DELETE, MINUTE + 1, 2, null, null), false);
        List<Observation> closed = signals.add(change(Op.CREATE, MINUTE + 3, 0, "a@b", null), false);
        assertThat(value(closed, "changes_create", MINUTE + 1)).isEqualTo(2);
        assertThat(value(closed, "changes_delete", MINUTE + 1)).isEqualTo(1);
        assertThat(value(closed, "changes_create", MINUTE + 2)).isZero();
    }

    @Test
    void sharesAndMeansAreJudgedOncePooledOverThirtyChanges() {
        signals.add(change(Op.CREATE, MINUTE, 0, "a@b", null), false);
        List<Observation> closed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            signals.add(change(Op.UPDATE, MINUTE + 1, i, i < 6 ? null : "a@b", BigDecimal.valueOf(i)), i < 3);
        }
        closed.addAll(signals.closeBefore(MINUTE + 2));
        assertThat(value(closed, "null_rate:email", MINUTE + 1)).isEqualTo(0.2);
        assertThat(value(closed, "violation_ratio", MINUTE + 1)).isEqualTo(0.1);
        assertThat(value(closed, "mean:amount", MINUTE + 1)).isEqualTo(14.5);
        assertThat(value(closed, "delete_share", MINUTE + 1)).isZero();
    }

    @Test
    void aChangeOfAnAlreadyClosedMinuteIsLate() {
        signals.add(change(Op.CREATE, MINUTE, 0, "a@b", null), false);
        signals.add(change(Op.CREATE, MINUTE + 2, 0, "a@b", null), false);
        assertThat(signals.add(change(Op.CREATE, MINUTE + 1, 0, "a@b", null), false)).isEmpty();
        assertThat(late).hasValue(1);
    }

    @Test
    void aChangeFromAnotherEraStartsAgainInsteadOfFillingTheGap() {
        signals.add(change(Op.CREATE, 0, 0, "a@b", null), false);
        assertThat(signals.add(change(Op.CREATE, MINUTE, 0, "a@b", null), false)).isEmpty();
        List<Observation> closed = signals.add(change(Op.CREATE, MINUTE + 2, 0, "a@b", null), false);
        assertThat(closed).extracting(o -> o.windowStart().getEpochSecond()).containsOnly((MINUTE + 1) * 60);
    }

    @Test
    void aChangeFromTheFarFutureDoesNotMakeEveryLaterChangeLate() {
        signals.add(change(Op.CREATE, MINUTE, 0, "a@b", null), false);
        signals.add(change(Op.CREATE, MINUTE + 100_000, 0, "a@b", null), false);
        signals.add(change(Op.CREATE, MINUTE + 1, 0, "a@b", null), false);
        assertThat(late).hasValue(0);
        assertThat(signals.add(change(Op.CREATE, MINUTE + 3, 0, "a@b", null), false))
                .extracting(o -> o.windowStart().getEpochSecond()).containsOnly((MINUTE + 2) * 60);
    }
}
