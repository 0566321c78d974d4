package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignalTest {

    private static final Signal SHARE = Signal.share("null_rate:note");
    private static final Signal COUNT = Signal.count("changes_create");

    @Test
    void aShareComesBackFromTheDetectorsScale() {
        assertThat(SHARE.fromModel(SHARE.toModel(0.2, 30), 30)).isCloseTo(0.2, within(1e-12));
        assertThat(SHARE.fromModel(SHARE.toModel(0, 30), 30)).isCloseTo(0, within(1e-12));
    }

    @Test
    void aCountComesBackFromTheDetectorsScale() {
        assertThat(COUNT.fromModel(COUNT.toModel(17, 17), 17)).isCloseTo(17, within(1e-12));
    }

    @Test
    void aSharesNoiseShrinksWithItsPool() {
        assertThat(SHARE.noise(120)).isCloseTo(SHARE.noise(30) / 2, within(1e-12));
    }

    @Test
    void aMeansNoiseIsNotKnown() {
        assertThat(Signal.mean("amount").noise(30)).isZero();
    }
}
