package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.dqmonitor.rules.AnomalyRules;
import io.dqmonitor.rules.InvalidRulesException;
import org.junit.jupiter.api.Test;

class AnomalyRulesParserTest {

    private static AnomalyRules anomaly(String yaml) {
        return RulesFixture.rules(yaml).get("public.t").anomaly();
    }

    @Test
    void aTableWithoutAnAnomalyBlockLearnsEverySignalWithTheDefaults() {
        assertThat(anomaly("dq.tables.public.t.freshness: 5m")).isEqualTo(AnomalyRules.DEFAULTS);
    }

    @Test
    void readsEverySetting() {
        AnomalyRules rules = anomaly("""
                dq.tables.public.t.anomaly:
                  signals: [changes, null_rate]
                  columns: [email]
                  sensitivity: 0.99
                  seasonality: weekly
                  direction: up
                  min-change: 5
                  min-relative-change: 0.2
                  warm-up: 2d
                """);
        assertThat(rules).isEqualTo(new AnomalyRules(true, Set.of("changes", "null_rate"), List.of("email"), 0.99,
                AnomalyRules.Seasonality.WEEKLY, AnomalyRules.Direction.UP, 5, 0.2, Duration.ofDays(2)));
    }

    @Test
    void falseSwitchesItOff() {
        assertThat(anomaly("dq.tables.public.t.anomaly: false").enabled()).isFalse();
    }

    @Test
    void anUnknownSignalIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> anomaly("dq.tables.public.t.anomaly.signals: [volume]"))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.tables.public.t.anomaly.signals").hasMessageContaining("'volume'");
    }

    @Test
    void anUnknownSettingIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> anomaly("dq.tables.public.t.anomaly.sensitivty: 0.9"))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining("dq.tables.public.t.anomaly.sensitivty");
    }

    @Test
    void aSensitivityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> anomaly("dq.tables.public.t.anomaly.sensitivity: 1.5"))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining("dq.tables.public.t.anomaly.sensitivity");
    }

    @Test
    void anUnknownSeasonalityIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> anomaly("dq.tables.public.t.anomaly.seasonality: monthly"))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining("[auto, none, daily, weekly]");
    }
}
