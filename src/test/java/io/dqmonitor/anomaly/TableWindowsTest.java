package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dqmonitor.rules.AnomalyRules;
import org.junit.jupiter.api.Test;

class TableWindowsTest {

    private static final long MINUTE = 29_000_000L;

    private final TableWindows windows = new TableWindows("public.t", AnomalyRules.KINDS, TableWindows.State.fresh());

    private static MinuteCounts counts(long creates, long deletes, Map<String, double[]> pools) {
        return new MinuteCounts(new long[] {creates, 0, deletes}, new TreeMap<>(pools));
    }

    private static List<Observation> close(TableWindows windows, long watermark, Map<Long, MinuteCounts> minutes) {
        return windows.closeBefore(watermark, minutes, 100_000);
    }

    private static double value(List<Observation> observations, String signal, long minute) {
        return observations.stream().filter(o -> o.signal().name().equals(signal)
                && o.windowStart().getEpochSecond() == minute * 60).findFirst().orElseThrow().value();
    }

    @Test
    void theFirstMinuteOfANewAggregationIsNotJudged() {
        assertThat(close(windows, MINUTE + 1, Map.of(MINUTE, counts(5, 0, Map.of())))).isEmpty();
        assertThat(windows.state().nextMinute()).isEqualTo(MINUTE + 1);
    }

    @Test
    void aTableWithoutChangesYetBeginsWithItsFirstChangedMinute() {
        assertThat(close(windows, MINUTE, Map.of())).isEmpty();
        assertThat(windows.state().nextMinute()).isEqualTo(Long.MIN_VALUE);
        close(windows, MINUTE + 2, Map.of(MINUTE + 1, counts(1, 0, Map.of())));
        assertThat(windows.state().nextMinute()).isEqualTo(MINUTE + 2);
    }

    @Test
    void countsEachMinutesChangesByOperationAndQuietMinutesAsZero() {
        close(windows, MINUTE + 1, Map.of(MINUTE, counts(1, 0, Map.of())));
        List<Observation> closed = close(windows, MINUTE + 3, Map.of(MINUTE + 1, counts(2, 1, Map.of())));
        assertThat(value(closed, "changes_create", MINUTE + 1)).isEqualTo(2);
        assertThat(value(closed, "changes_delete", MINUTE + 1)).isEqualTo(1);
        assertThat(value(closed, "changes_create", MINUTE + 2)).isZero();
    }

    @Test
    void sharesAndMeansAreJudgedOncePooledOverThirtyChangesAcrossMinutes() {
        close(windows, MINUTE + 1, Map.of(MINUTE, counts(1, 0, Map.of())));
        List<Observation> closed = close(windows, MINUTE + 3, Map.of(
                MINUTE + 1, counts(0, 0, Map.of("null_rate:email", new double[] {4, 20}))));
        assertThat(closed).noneMatch(o -> o.signal().pooled());
        closed = close(windows, MINUTE + 4, Map.of(
                MINUTE + 3, counts(0, 0, Map.of("null_rate:email", new double[] {2, 10}))));
        assertThat(value(closed, "null_rate:email", MINUTE + 1)).isEqualTo(0.2);
        assertThat(closed).filteredOn(o -> o.signal().pooled()).singleElement()
                .satisfies(o -> assertThat(o.size()).isEqualTo(30));
    }

    @Test
    void aGapOfMoreThanADayStartsAgainAfterIt() {
        close(windows, MINUTE + 1, Map.of(MINUTE, counts(1, 0, Map.of())));
        long later = MINUTE + 10_000;
        assertThat(close(windows, later + 1, Map.of(later, counts(3, 0, Map.of())))).isEmpty();
        assertThat(close(windows, later + 2, Map.of(later + 1, counts(3, 0, Map.of()))))
                .extracting(o -> o.windowStart().getEpochSecond()).containsOnly((later + 1) * 60);
    }

    @Test
    void aBacklogOfDaysWithChangesIsJudgedMinuteByMinuteInBoundedSteps() {
        close(windows, MINUTE + 1, Map.of(MINUTE, counts(1, 0, Map.of())));
        Map<Long, MinuteCounts> days = new TreeMap<>();
        for (long m = MINUTE + 1; m < MINUTE + 3000; m++) {
            days.put(m, counts(1, 0, Map.of()));
        }
        assertThat(windows.closeBefore(MINUTE + 3000, days, 1000)).hasSize(3 * 1000);
        assertThat(windows.closeBefore(MINUTE + 3000, days, 5000)).hasSize(3 * 1999);
    }

    @Test
    void itsStateCarriesOnInAnotherLead() {
        close(windows, MINUTE + 1, Map.of(MINUTE, counts(1, 0, Map.of())));
        close(windows, MINUTE + 2, Map.of(MINUTE + 1, counts(0, 0, Map.of("delete_share", new double[] {1, 20}))));
        TableWindows next = new TableWindows("public.t", AnomalyRules.KINDS, windows.state());
        List<Observation> closed = close(next, MINUTE + 3,
                Map.of(MINUTE + 2, counts(0, 0, Map.of("delete_share", new double[] {0, 10}))));
        assertThat(value(closed, "delete_share", MINUTE + 1)).isEqualTo(1.0 / 30);
    }
}
