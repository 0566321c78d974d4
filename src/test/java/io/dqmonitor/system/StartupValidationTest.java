package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabels;
import io.dqmonitor.pipeline.CdcProperties;
import io.dqmonitor.privacy.PrivacyProperties;
import io.dqmonitor.recent.RecentProperties;
import io.dqmonitor.ruleconfig.RulesProperties;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.tasks.RetentionProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A bad configuration stops the service at start-up with a message that names the key. */
class StartupValidationTest {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan({"io.dqmonitor.rules", "io.dqmonitor.ruleconfig", "io.dqmonitor.tasks", "io.dqmonitor.privacy",
            "io.dqmonitor.expressions", "io.dqmonitor.contracts"})
    @Import(TableLabels.class)
    @EnableConfigurationProperties({RecentProperties.class, CdcProperties.class, RulesProperties.class,
            MetricsProperties.class, PrivacyProperties.class, RetentionProperties.class,
            io.dqmonitor.contracts.ContractsProperties.class})
    static class QualityOnly {
        @org.springframework.context.annotation.Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @org.springframework.context.annotation.Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }

        @org.springframework.context.annotation.Bean
        org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler taskScheduler() {
            return new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(QualityOnly.class);

    @Test
    void theShippedRulesStart() {
        runner.withPropertyValues("dq.tables.public.user_activities.columns.user_id.not-null=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anUnknownRuleFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.tables.public.user_activities.columns.amount.maximum=5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("dq.tables.public.user_activities.columns.amount.maximum: unknown rule");
        });
    }

    @Test
    void anOutOfRangeCapacityFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.recent.capacity=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dq.recent.capacity");
        });
    }

    @Test
    void aBlankTopicPatternFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.cdc.topic-pattern= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dq.cdc.topic-pattern");
        });
    }

    @Test
    void aNegativeClockSkewFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.cdc.max-clock-skew=-1m").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("dq.cdc.max-clock-skew must not be negative");
        });
    }

    @Test
    void aPatternRe2CannotMatchFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.tables.public.user_activities.columns.email.pattern=^(?!x)\\w+$").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("dq.tables.public.user_activities.columns.email.pattern: invalid regular "
                            + "expression");
        });
    }

    @Test
    void aRetentionOfZeroFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.history.retention=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dq.history.retention must be positive");
        });
    }

    @Test
    void aNegativeTableLimitFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.metrics.max-tables=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dq.metrics.max-tables");
        });
    }

    @Test
    void aHashedColumnWithoutAKeyFailsStartupNamingBothKeys() {
        runner.withPropertyValues("dq.tables.public.user_activities.columns.email.pii=hash").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("dq.tables.public.user_activities.columns.email.pii")
                    .hasMessageContaining("dq.privacy.hash-key");
        });
    }

    @Test
    void anUnknownMaskingFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.tables.public.user_activities.columns.email.pii=scramble").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("dq.tables.public.user_activities.columns.email.pii: unknown masking 'scramble'");
        });
    }

    @Test
    void aShortHashKeyFailsStartupNamingTheKey() {
        runner.withPropertyValues("dq.privacy.hash-key=short").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dq.privacy.hash-key must be at least 16");
        });
    }

    @Test
    void aHashedColumnWithAKeyStarts() {
        runner.withPropertyValues("dq.tables.public.user_activities.columns.email.pii=hash",
                "dq.privacy.hash-key=0123456789abcdef").run(context -> assertThat(context).hasNotFailed());
    }
}
