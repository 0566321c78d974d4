package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** NAB's scoring on hand-made series: 100 rows (the first 15 on probation), one window over rows 50..59. */
class NabScorerTest {

    private static final NabScorer.Profile STANDARD = NabScorer.PROFILES.get(0);
    private static final NabScorer.Profile LOW_FP = NabScorer.PROFILES.get(1);
    private static final NabScorer.Profile LOW_FN = NabScorer.PROFILES.get(2);
    private static final List<NabScorer.Window> WINDOW = List.of(new NabScorer.Window(50, 59));

    private static double score(NabScorer.Profile profile, double... rowAndScore) {
        double[] scores = new double[100];
        for (int i = 0; i < rowAndScore.length; i += 2) {
            scores[(int) rowAndScore[i]] = rowAndScore[i + 1];
        }
        NabScorer.Series series = new NabScorer.Series("s", scores, WINDOW);
        return new NabScorer(1).score(List.of(series), profile).normalised();
    }

    @Test
    void atAThresholdChosenElsewhereOnlyTheRowsScoredAtLeastThatDetect() {
        double[] scores = new double[100];
        scores[20] = 0.95;
        scores[50] = 0.8;
        NabScorer.Series series = new NabScorer.Series("s", scores, WINDOW);
        NabScorer scorer = new NabScorer(1);
        assertThat(scorer.scoreAt(List.of(series), STANDARD, 0.9).normalised())
                .isCloseTo(100 * (-0.11 - 1 + 1) / 2, within(1e-9));
        assertThat(scorer.scoreAt(List.of(series), STANDARD, 0.7).normalised())
                .isCloseTo(100 * (1 - 0.11 + 1) / 2, within(1e-9));
        assertThat(scorer.scoreAt(List.of(series), STANDARD, 0.99).normalised()).isCloseTo(0, within(1e-9));
    }

    @Test
    void atTheBestThresholdTheFiguresAreTheSweepsOwn() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = (i * 37 % 100) / 100.0;
        }
        NabScorer.Series series = new NabScorer.Series("s", scores, WINDOW);
        for (NabScorer.Profile profile : NabScorer.PROFILES) {
            NabScorer.Result best = new NabScorer(1).score(List.of(series), profile);
            assertThat(new NabScorer(1).scoreAt(List.of(series), profile, best.threshold()).raw())
                    .isCloseTo(best.raw(), within(1e-9));
        }
    }

    @Test
    void seriesWithoutWindowsHaveNoNormalisedFigure() {
        NabScorer.Series quiet = new NabScorer.Series("q", new double[100], List.of());
        assertThat(new NabScorer(0).scoreAt(List.of(quiet), STANDARD, 0.5).normalised()).isNaN();
    }

    @Test
    void aDetectionAtTheWindowsFirstRowIsPerfect() {
        assertThat(score(STANDARD, 50, 1.0)).isCloseTo(100, within(1e-9));
    }

    @Test
    void noDetectionScoresAsTheNullDetector() {
        assertThat(score(STANDARD)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aDetectionAtTheWindowsLastRowEarnsLittle() {
        // position -1/10: 2 * sigmoid(0.5) - 1 = 0.2449, over the earliest's 0.98661
        double raw = (2 / (1 + Math.exp(-0.5)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
        assertThat(score(STANDARD, 59, 1.0)).isCloseTo(100 * (raw + 1) / 2, within(1e-9));
    }

    @Test
    void onlyAWindowsFirstDetectionCounts() {
        assertThat(score(STANDARD, 50, 0.8, 55, 0.9)).isCloseTo(100, within(1e-9));
    }

    @Test
    void aFalsePositiveBeforeAnyWindowCostsTheProfilesWeight() {
        assertThat(score(STANDARD, 20, 1.0, 50, 0.9)).isCloseTo(100 * (1 - 0.11 + 1) / 2, within(1e-9));
        assertThat(score(LOW_FP, 20, 1.0, 50, 0.9)).isCloseTo(100 * (1 - 0.22 + 1) / 2, within(1e-9));
    }

    @Test
    void aFalsePositiveJustAfterAWindowCostsLessThanOneFarFromIt() {
        assertThat(score(STANDARD, 50, 1.0, 61, 1.0)).isGreaterThan(score(STANDARD, 50, 1.0, 95, 1.0));
    }

    @Test
    void theThresholdLeavesOutLowerScoresWhenTheyCostMore() {
        // taking 0.5 in would add twenty false positives (-2.2) to save nothing
        double[] rows = new double[44];
        for (int i = 0; i < 20; i++) {
            rows[2 * i] = 20 + i;
            rows[2 * i + 1] = 0.5;
        }
        rows[40] = 50;
        rows[41] = 0.9;
        assertThat(score(STANDARD, rows)).isCloseTo(100, within(1e-9));
    }

    @Test
    void probationRowsAreNotScored() {
        assertThat(score(STANDARD, 5, 1.0, 50, 1.0)).isCloseTo(100, within(1e-9));
    }

    @Test
    void aMissedWindowCostsTwiceUnderRewardLowFalseNegatives() {
        // null: -2 (one window missed at fn weight 2); perfect: 1; one false positive and nothing found: -2.11 < null
        assertThat(score(LOW_FN, 20, 1.0)).isCloseTo(0, within(1e-9));
        // halfway in: 2 * sigmoid(2.5) - 1, over the earliest's
        double raw = (2 / (1 + Math.exp(-2.5)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
        assertThat(score(LOW_FN, 55, 1.0)).isCloseTo(100 * (raw + 2) / 3, within(1e-9));
    }
}
