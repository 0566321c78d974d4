package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

/**
 * The detector on a continuous gauge, one value every 5 minutes with no noise known in advance: a temperature or a
 * utilisation, about 50 with a daily swing and Gaussian noise of 2.
 */
class GaugeDetectorTest {

    private static final long START = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final int DAY = 288;

    private static IntToDoubleFunction gauge(long seed) {
        Random random = new Random(seed);
        return step -> 50 + 5 * Math.sin(2 * Math.PI * step / DAY) + 2 * random.nextGaussian();
    }

    private static List<Integer> raised(IntToDoubleFunction signal, int steps) {
        Detector detector = new Detector(DetectorSettings.DEFAULTS);
        List<Integer> raised = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            if (detector.observe(START + 300L * step, signal.applyAsDouble(step)).raised()) {
                raised.add(step);
            }
        }
        return raised;
    }

    @Test
    void raisesNothingInTwoQuietWeeks() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(raised(gauge(seed), 14 * DAY)).as("seed " + seed).isEmpty();
        }
    }

    @Test
    void raisesAHugeSpikeOnItsSecondDayAlthoughItsHistoryIsShort() {
        IntToDoubleFunction normal = gauge(21);
        int spike = DAY + DAY / 2;
        assertThat(raised(step -> step == spike ? 90 : normal.applyAsDouble(step), 3 * DAY)).containsExactly(spike);
    }

    @Test
    void raisesALevelShiftOnceAndWithinMinutes() {
        IntToDoubleFunction normal = gauge(22);
        int shift = 6 * DAY + 100;
        List<Integer> raised = raised(step -> normal.applyAsDouble(step) + (step >= shift ? 10 : 0), 8 * DAY);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0) - shift).isBetween(0, 3);
    }

    @Test
    void raisesAWorkingGaugeGoingFlat() {
        IntToDoubleFunction normal = gauge(24);
        int stuck = 9 * DAY + 40;
        // within the re-arm time: one incident, one anomaly
        List<Integer> raised = raised(step -> step >= stuck ? 0 : normal.applyAsDouble(step), stuck + 11 * 12);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0) - stuck).isBetween(0, 3);
    }

    @Test
    void learnsThatSpikesEverySixHoursAreRoutine() {
        IntToDoubleFunction normal = gauge(23);
        List<Integer> raised = raised(step -> step % 72 == 36 ? 80 : normal.applyAsDouble(step), 14 * DAY);
        assertThat(raised).allSatisfy(step -> assertThat(step).isLessThan(7 * DAY));
    }
}
