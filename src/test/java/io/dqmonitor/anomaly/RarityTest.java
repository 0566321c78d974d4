package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RarityTest {

    private static final double DAY = 86400;

    @Test
    void withNoHistoryAHugeDeviationIsAsRareAsALaplaceTailMakesIt() {
        Rarity rarity = new Rarity();
        double expected = (DAY + Rarity.PRIOR_SECONDS) / (Rarity.PRIOR_SECONDS / 300 * Math.exp(-12));
        assertThat(rarity.returnPeriod(12, DAY, 300)).isCloseTo(expected, within(1e-6 * expected));
        assertThat(Rarity.score(rarity.returnPeriod(12, DAY, 300))).isGreaterThan(0.99);
        assertThat(Rarity.score(rarity.returnPeriod(4, DAY, 300))).isLessThan(0.5);
    }

    @Test
    void itsOwnCountsOutweighThePriorOnceItHasSeenTheDeviation() {
        Rarity rarity = new Rarity();
        for (int episode = 0; episode < 20; episode++) {
            rarity.learn(12, 6);
            rarity.learn(1, 6);
        }
        assertThat(rarity.atLeast(11)).isGreaterThanOrEqualTo(20);
        assertThat(rarity.returnPeriod(12, 5 * DAY, 300)).isLessThan(DAY);
    }

    @Test
    void aRaisedEpisodeCountsHalf() {
        Rarity rarity = new Rarity();
        rarity.learn(20, 6);
        rarity.raised();
        rarity.learn(1, 6);
        assertThat(rarity.atLeast(15)).isEqualTo(Rarity.RAISED_WEIGHT);
    }

    @Test
    void scoresAReturnPeriodOfOneDayAtOneHalf() {
        assertThat(Rarity.score(DAY)).isEqualTo(0.5);
        assertThat(Rarity.score(9 * DAY)).isCloseTo(0.9, within(1e-12));
    }
}
