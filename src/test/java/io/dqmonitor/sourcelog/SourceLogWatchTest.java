package io.dqmonitor.sourcelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dqmonitor.completeness.CompletenessProperties;
import io.dqmonitor.stack.Ports;
import io.dqmonitor.tasks.BackgroundTasksFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/** The watch's handling of sources; reading real slots and binlogs is in CdcIntegrityIT and MariaDbIT. */
class SourceLogWatchTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void aSourceOutOfReachIsDownAndFailsTheRunNamingIt() {
        int closed = Ports.free();
        CompletenessProperties databases = new CompletenessProperties(true, Duration.ofMinutes(5), Map.of(
                "gone", new CompletenessProperties.Database("gone\\..*", "jdbc:mariadb://127.0.0.1:" + closed + "/x",
                        "u", "p")));
        SourceLogWatch watch = watch(databases, "jdbc:mariadb://127.0.0.1:" + closed + "/own");
        try {
            assertThatThrownBy(watch::readAll).hasMessageContaining("gone (");
            assertThat(registry.scrape()).contains("cdc_source_up{source=\"gone\"} 0.0")
                    // the own datasource is read only when it is PostgreSQL
                    .doesNotContain("source=\"default\"");
        } finally {
            watch.destroy();
        }
    }

    @Test
    void turnedOffItReadsNothing() {
        SourceLogWatch watch = new SourceLogWatch(new SourceLogProperties(false, Duration.ofSeconds(15), "default",
                List.of(), 50), new CompletenessProperties(true, Duration.ofMinutes(5), Map.of()), null,
                own("jdbc:postgresql://127.0.0.1:1/x"), new SourceLogMetrics(registry), SourceLogFixtures.positions(),
                Clock.systemUTC(), BackgroundTasksFixture.tasks(registry, Clock.systemUTC()));
        watch.readAll();
        assertThat(registry.scrape()).doesNotContain("cdc_source_up");
    }

    private SourceLogWatch watch(CompletenessProperties databases, String ownUrl) {
        return new SourceLogWatch(new SourceLogProperties(true, Duration.ofSeconds(15), "default", List.of(), 50),
                databases, null, own(ownUrl), new SourceLogMetrics(registry), SourceLogFixtures.positions(),
                Clock.systemUTC(), BackgroundTasksFixture.tasks(registry, Clock.systemUTC()));
    }

    private static DataSourceProperties own(String url) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        return properties;
    }
}
