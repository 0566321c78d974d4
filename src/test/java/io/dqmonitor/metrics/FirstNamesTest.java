package io.dqmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstNamesTest {

    @Test
    void theFirstNamesAreAdmittedAgainAndEveryFurtherOneIsRefused() {
        FirstNames names = new FirstNames(2);

        assertThat(names.admit("a")).isTrue();
        assertThat(names.admit("b")).isTrue();
        assertThat(names.admit("c")).isFalse();
        assertThat(names.admit("a")).isTrue();
        assertThat(new FirstNames(0).admit("a")).isFalse();
    }
}
