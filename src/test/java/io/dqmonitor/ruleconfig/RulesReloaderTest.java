package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.tasks.BackgroundTasksFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/** Reloading a rules file on disk, as Spring loaded it: what a broken file does, and what the next good one does. */
class RulesReloaderTest {

    private static final String GOOD = """
            dq:
              tables:
                public.t:
                  columns:
                    email: { not-null: true }
            """;

    @TempDir
    Path folder;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RulesConfiguration.RuleSetLoader loader =
            RulesFixture.loader(true);
    private Path file;
    private RulesInForce rules;
    private RulesReloader reloader;

    @BeforeEach
    void load() throws IOException {
        file = folder.resolve("rules.yml");
        Files.writeString(file, GOOD);
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("rules", new FileSystemResource(file))
                .forEach(environment.getPropertySources()::addFirst);
        rules = RuleFixtures.inForce(loader.load(ConfigurationPropertySources.get(environment)));
        reloader = new RulesReloader(environment, loader, rules, new ReloadMetrics(registry),
                new RulesProperties(Duration.ZERO, UnavailableValues.DEBEZIUM_DEFAULT, null),
                BackgroundTasksFixture.tasks(registry, Clock.systemUTC()));
    }

    @Test
    void aFileWithAYamlSyntaxErrorIsRejectedAndTheRulesInForceStay() throws IOException {
        Files.writeString(file, GOOD + "        name: { not-null: true\n");

        RulesReloader.Outcome outcome = reloader.reload();
        assertThat(outcome.reloaded()).isFalse();
        assertThat(outcome.error()).isNotBlank();
        assertThat(outcome.tables()).containsExactly("public.t");
        assertThat(rules.tables().get("public.t").columnRuleLabels()).extracting(java.util.Map.Entry::getKey).containsExactly("email");
        assertThat(registry.get("dq.rules.reload.failures").counter().count()).isEqualTo(1);
    }

    @Test
    void anEmptyOrTruncatedFileIsRejectedAndTheRulesInForceStay() throws IOException {
        for (String broken : new String[] {"", "# nothing left\n", "dq:\n  tab"}) {
            Files.writeString(file, broken);

            RulesReloader.Outcome outcome = reloader.reload();
            assertThat(outcome.reloaded()).isFalse();
            assertThat(outcome.tables()).containsExactly("public.t");
        }
        assertThat(registry.get("dq.rules.reload.failures").counter().count()).isEqualTo(3);
    }

    @Test
    void aReloadThatWouldUnmaskAColumnIsRejectedSayingARestartAppliesIt() throws IOException {
        Files.writeString(file, GOOD.replace("email: { not-null: true }", "email: { not-null: true, pii: hash }"));
        assertThat(reloader.reload().reloaded()).isTrue();

        Files.writeString(file, GOOD);
        RulesReloader.Outcome unmasked = reloader.reload();
        assertThat(unmasked.reloaded()).isFalse();
        assertThat(unmasked.error()).contains("dq.tables.public.t.columns.email.pii").contains("restart");
        assertThat(rules.tables().get("public.t").personal()).containsKey("email");

        Files.writeString(file, GOOD.replace("public.t:", "public.other:"));
        assertThat(reloader.reload().reloaded()).isFalse();

        Files.writeString(file, GOOD.replace("email: { not-null: true }", "email: { pii: redact }"));
        assertThat(reloader.reload().reloaded()).isTrue();
    }

    @Test
    void theNextGoodFileIsTaken() throws IOException {
        Files.writeString(file, GOOD + "        name: { not-null: true\n");
        reloader.reload();
        Files.writeString(file, GOOD + "        name: { not-null: true }\n");

        assertThat(reloader.reload().reloaded()).isTrue();
        assertThat(rules.tables().get("public.t").columnRuleLabels()).extracting(java.util.Map.Entry::getKey).containsExactly("email", "name");
    }

    @Test
    void anUnknownRuleIsRejectedNamingTheKey() throws IOException {
        Files.writeString(file, GOOD.replace("not-null", "not-nul"));

        assertThat(reloader.reload().error()).contains("dq.tables.public.t.columns.email.not-nul");
    }

    @Test
    void aFileThatCannotBeReadIsRejected() throws IOException {
        Files.delete(file);
        Files.createDirectory(file);

        assertThat(reloader.reload().reloaded()).isFalse();
        assertThat(rules.tables()).containsKey("public.t");
    }
}
