package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.formats.RecordReader;
import io.dqmonitor.recent.RecentChangesStore;
import io.dqmonitor.recent.InMemoryRecentChanges;
import io.dqmonitor.ruleconfig.RulesFixture;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.schema.InMemorySchemaBaselines;
import io.dqmonitor.schema.SchemaTracker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** The AOT cache's training: the shipped records run the whole consumption path, and only as a build step. */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class AotTrainingTest {

    private final PipelineFixture fixture = new PipelineFixture();
    private final RulesInForce shipped = RuleFixtures.inForce(RulesFixture.rules(applicationYml()));
    private final RecordChecker checker = new RecordChecker(RecordReader.json(new ChangeEventParser()),
            RuleFixtures.evaluator(shipped), new SchemaTracker(new InMemorySchemaBaselines()), shipped,
            RuleFixtures.MASKER, fixture.health, new SourceClock(PipelineFixture.PROPERTIES, Clock.systemUTC()),
            new TrackedTables(new TablesProperties(1000), shipped), UnavailableValues.debeziumDefault());
    private final RecentChangesStore recent = new InMemoryRecentChanges();

    @Test
    void theCapturedRecordsRunTheRulesAndTheStoresArguments(CapturedOutput output) {
        new AotTraining(checker, recent, JsonMapper.builder().build(), exiting(), 16).afterSingletonsInstantiated();

        // 16 records: the 8 captured twice, 7 row changes and a tombstone each time. Their violations: the bad create
        // breaks not_null, allowed_values, range and pattern; the purchase without an amount its when block's not_null;
        // the update to "refund" allowed_values; the update of user_id immutable: 7 history rows. Each row change
        // is a recent-change entry: 7 more
        assertThat(output).contains("AOT training: 16 records, " + 2 * (7 + 7) + " history rows and recent-change");
    }

    @Test
    void withoutExitingOnRefreshItRefusesToRun() {
        assertThatThrownBy(() -> new AotTraining(checker, recent, JsonMapper.builder().build(), new MockEnvironment(),
                16).afterSingletonsInstantiated()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dspring.context.exit=onRefresh");
    }

    private static MockEnvironment exiting() {
        return new MockEnvironment().withProperty("spring.context.exit", "onRefresh");
    }

    private static String applicationYml() {
        try (InputStream in = AotTrainingTest.class.getResourceAsStream("/application.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
