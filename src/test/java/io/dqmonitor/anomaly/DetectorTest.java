package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import io.dqmonitor.rules.AnomalyRules;
import org.junit.jupiter.api.Test;

/** The detector on per-minute signals shaped like a table's: a daily rhythm, quieter weekends, Poisson noise. */
class DetectorTest {

    private static final Signal CHANGES = Signal.count("changes_create");
    private static final long START = 1_767_225_600L; // 2026-01-01T00:00:00Z, a Thursday
    private static final int DAY = 1440;
    private static final int TWO_WEEKS = 14 * DAY;

    /** Creates per minute: about 6 by day, 1.5 at night, half as many at weekends. */
    private static IntToDoubleFunction volume(long seed) {
        Random random = new Random(seed);
        return minute -> ReplayScenario.poisson(random, ReplayScenario.rhythm(minute));
    }

    /** A minute's count as the service judges it. */
    private static Assessment observe(Detector detector, int minute, double count) {
        return detector.observe(START + 60L * minute, CHANGES.toModel(count, (long) count),
                CHANGES.noise((long) count));
    }

    private static List<Integer> raised(Detector detector, IntToDoubleFunction signal, int minutes) {
        List<Integer> raised = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            if (observe(detector, minute, signal.applyAsDouble(minute)).raised()) {
                raised.add(minute);
            }
        }
        return raised;
    }

    @Test
    void raisesNothingInTwoQuietWeeks() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(raised(new Detector(DetectorSettings.DEFAULTS), volume(seed), TWO_WEEKS)).as("seed " + seed)
                    .isEmpty();
        }
    }

    @Test
    void raisesVolumeDroppingToZeroWithinMinutes() {
        IntToDoubleFunction normal = volume(7);
        int incident = 10 * DAY + 14 * 60;
        List<Integer> raised = raised(new Detector(DetectorSettings.DEFAULTS),
                minute -> minute >= incident && minute < incident + 60 ? 0 : normal.applyAsDouble(minute), TWO_WEEKS);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0) - incident).isBetween(0, 20);
    }

    @Test
    void raisesABurstAtOnce() {
        IntToDoubleFunction normal = volume(8);
        int incident = 9 * DAY + 11 * 60;
        List<Integer> raised = raised(new Detector(DetectorSettings.DEFAULTS),
                minute -> minute == incident ? 80 : normal.applyAsDouble(minute), TWO_WEEKS);
        assertThat(raised).containsExactly(incident);
    }

    @Test
    void raisesARepeatOfAnIncidentTwoDaysLater() {
        IntToDoubleFunction normal = volume(10);
        int first = 5 * DAY + 11 * 60;
        int again = 7 * DAY + 11 * 60;
        // half an hour of 80 creates a minute, then of 60: the first was not learned as normal
        IntToDoubleFunction incidents = minute -> minute >= first && minute < first + 30 ? 80
                : minute >= again && minute < again + 30 ? 60 : normal.applyAsDouble(minute);
        assertThat(raised(new Detector(DetectorSettings.DEFAULTS), incidents, TWO_WEEKS)).containsExactly(first, again);
    }

    @Test
    void raisesNothingWhileWarmingUp() {
        IntToDoubleFunction normal = volume(9);
        List<Integer> raised = raised(new Detector(DetectorSettings.DEFAULTS),
                minute -> minute == 600 ? 500 : normal.applyAsDouble(minute), DAY);
        assertThat(raised).isEmpty();
    }

    @Test
    void ignoresDeviationsBelowTheFloor() {
        IntToDoubleFunction normal = volume(11);
        int incident = 9 * DAY + 11 * 60;
        DetectorSettings floored = new DetectorSettings(0.9, AnomalyRules.Seasonality.AUTO,
                AnomalyRules.Direction.BOTH, 100, 0, Duration.ofDays(1), Duration.ofHours(12));
        List<Integer> raised = raised(new Detector(floored),
                minute -> minute == incident ? 80 : normal.applyAsDouble(minute), TWO_WEEKS);
        assertThat(raised).isEmpty();
    }

    @Test
    void countsOnlyTheConfiguredDirection() {
        IntToDoubleFunction normal = volume(12);
        int incident = 10 * DAY + 14 * 60;
        DetectorSettings upOnly = new DetectorSettings(0.9, AnomalyRules.Seasonality.AUTO,
                AnomalyRules.Direction.UP, 0, 0, Duration.ofDays(1), Duration.ofHours(12));
        List<Integer> raised = raised(new Detector(upOnly),
                minute -> minute >= incident && minute < incident + 60 ? 0 : normal.applyAsDouble(minute), TWO_WEEKS);
        assertThat(raised).isEmpty();
    }

    @Test
    void aRestoredDetectorJudgesAsTheOriginalWould() {
        IntToDoubleFunction normal = volume(13);
        Detector original = new Detector(DetectorSettings.DEFAULTS);
        for (int minute = 0; minute < 3 * DAY; minute++) {
            observe(original, minute, normal.applyAsDouble(minute));
        }
        Detector restored = Detector.restore(DetectorSettings.DEFAULTS, original.state());
        for (int minute = 3 * DAY; minute < 4 * DAY; minute++) {
            double count = minute == 3 * DAY + 700 ? 90 : normal.applyAsDouble(minute);
            assertThat(observe(restored, minute, count)).isEqualTo(observe(original, minute, count));
        }
    }

    @Test
    void aStateItCannotReadGivesANewDetector() {
        assertThat(Detector.restore(DetectorSettings.DEFAULTS, new byte[] {1, 2, 3}).state())
                .isEqualTo(new Detector(DetectorSettings.DEFAULTS).state());
    }
}
