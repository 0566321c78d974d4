package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A completeness database that cannot work stops the service at start-up, naming the key. */
class CompletenessPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CompletenessProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void databasesFromSeveralFilesAddUp() {
        runner.withPropertyValues("dq.completeness.databases.mariadb.tables=monitoring\\..*",
                        "dq.completeness.databases.mariadb.url=jdbc:mariadb://db:3306/monitoring",
                        "dq.completeness.databases.mongodb.tables=app\\..*")
                .run(context -> {
                    CompletenessProperties properties = context.getBean(CompletenessProperties.class);
                    assertThat(properties.databases()).containsOnlyKeys("mariadb", "mongodb");
                    assertThat(properties.databases().get("mariadb").matches("monitoring.user_activities")).isTrue();
                    assertThat(properties.databases().get("mongodb").url()).isNull();
                });
    }

    @Test
    void aUrlOfAnotherDatabaseFailsNamingTheKey() {
        runner.withPropertyValues("dq.completeness.databases.oracle.tables=x\\..*",
                "dq.completeness.databases.oracle.url=jdbc:oracle:thin:@db:1521/x").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("dq.completeness.databases[oracle].url");
                });
    }

    @Test
    void aBadPatternFailsNamingTheKey() {
        runner.withPropertyValues("dq.completeness.databases.mariadb.tables=monitoring\\.(").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dq.completeness.databases.mariadb");
        });
    }

    @Test
    void aDatabaseWithoutTablesFailsNamingTheKey() {
        runner.withPropertyValues("dq.completeness.databases.mariadb.url=jdbc:mariadb://db:3306/x").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("dq.completeness.databases[mariadb].tables");
        });
    }
}
