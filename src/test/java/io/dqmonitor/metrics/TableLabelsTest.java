package io.dqmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class TableLabelsTest {

    private final TableLabels labels = new TableLabels(new MetricsProperties(2));

    @Test
    void theFirstTablesKeepTheirNames() {
        assertThat(labels.of("s.a")).isEqualTo("s.a");
        assertThat(labels.of("s.b")).isEqualTo("s.b");
    }

    @Test
    void tablesBeyondTheLimitAreOverflow() {
        labels.of("s.a");
        labels.of("s.b");
        assertThat(labels.of("s.c")).isEqualTo(TableLabels.OVERFLOW);
    }

    @Test
    void aTableAdmittedOnceStaysAdmitted() {
        labels.of("s.a");
        labels.of("s.b");
        labels.of("s.c");
        assertThat(labels.of("s.a")).isEqualTo("s.a");
    }

    @Test
    void tablesWithRulesAlwaysKeepTheirNames() {
        labels.of("s.a");
        labels.of("s.b");
        labels.rulesInForce(Set.of("s.ruled"));
        assertThat(labels.of("s.ruled")).isEqualTo("s.ruled");
    }
}
