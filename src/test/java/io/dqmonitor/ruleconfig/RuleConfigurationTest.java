package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.rules.InvalidRulesException;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.RuleFixtures;
import org.junit.jupiter.api.Test;

class RuleConfigurationTest {

    @Test
    void dottedTableNamesNeedNoBrackets() {
        assertThat(RulesFixture.rules("""
                dq.tables.public.user_activities.columns.user_id.not-null: true
                """)).containsOnlyKeys("public.user_activities");
    }

    @Test
    void bracketedTableNamesWorkToo() {
        assertThat(RulesFixture.rules("""
                dq:
                  tables:
                    "[public.user_activities]":
                      freshness: 5m
                """).get("public.user_activities").freshness()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anAdditionalFileAddsTables() {
        assertThat(RulesFixture.rules("""
                dq.tables.public.a.columns.x.not-null: true
                """, """
                dq.tables.public.b.columns.y.not-null: true
                """)).containsOnlyKeys("public.a", "public.b");
    }

    @Test
    void anAdditionalFileReplacesAListWhole() {
        RuleEvaluator evaluator = RuleFixtures.evaluator(RulesFixture.rules("""
                dq.tables.public.a.columns.kind.allowed-values: [a, b, c, d]
                """, """
                dq.tables.public.a.columns.kind.allowed-values: [x]
                """));
        assertThat(evaluator.evaluate(row("kind", "c")).violations()).hasSize(1);
        assertThat(evaluator.evaluate(row("kind", "x")).violations()).isEmpty();
    }

    @Test
    void anAdditionalFileCanSwitchARuleOff() {
        RuleEvaluator evaluator = RuleFixtures.evaluator(RulesFixture.rules("""
                dq.tables.public.a.columns.kind.not-null: true
                """, """
                dq.tables.public.a.columns.kind.not-null: false
                """));
        assertThat(evaluator.evaluate(row("kind", null)).violations()).isEmpty();
    }

    @Test
    void aPersonalColumnIsDeclaredBesideItsRules() {
        var table = RulesFixture.rules("""
                dq.tables.public.a.columns.email: { pattern: '^.+@.+$', pii: hash }
                dq.tables.public.a.columns.phone.pii: partial
                """).get("public.a");

        assertThat(table.personal()).containsExactly(java.util.Map.entry("email", PiiMode.HASH),
                java.util.Map.entry("phone", PiiMode.PARTIAL));
        assertThat(table.checks()).extracting(check -> check.column()).containsExactly("email");
    }

    @Test
    void aPersonalColumnInAWhenBlockIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.when[0].if.kind: x
                dq.tables.public.a.when[0].columns.email.pii: hash
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("dq.tables.public.a.when[0].columns.email.pii: a column is personal for every row");
    }

    @Test
    void hashingWithoutAKeyIsRejectedNamingBothKeys() {
        RulesConfiguration.RuleSetLoader keyless = RulesFixture.loader(false);

        assertThatThrownBy(() -> keyless.load(org.springframework.boot.context.properties.source
                .ConfigurationPropertySources.from(RulesFixture.yaml("f", "dq.tables.public.a.columns.email.pii: hash"))))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("dq.tables.public.a.columns.email.pii: 'hash' needs a secret key: set dq.privacy.hash-key");
    }

    @Test
    void unknownRuleKeyNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.columns.amount.maxx: 5
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("dq.tables.public.a.columns.amount.maxx: unknown rule 'maxx'")
                .hasMessageContaining("[allowed-values, exclusive-max, exclusive-min, immutable, max, max-length, min, "
                        + "min-length, missing-values, monotonic, not-cleared, not-null, pattern, pattern-max-length, pii, "
                        + "transitions]");
    }

    @Test
    void badRegexNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.columns.email.pattern: '[unclosed'
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("dq.tables.public.a.columns.email.pattern: invalid regular expression");
    }

    @Test
    void unknownTableSettingNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.colums.email.not-null: true
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("dq.tables.public.a.colums.email.not-null: expected dq.tables.<schema.table>");
    }

    @Test
    void badFreshnessNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.freshness: soon
                """)).hasMessageStartingWith("dq.tables.public.a.freshness: 'soon' is not a duration");
    }

    @Test
    void nonNumericBoundNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.columns.amount.min: zero
                """)).hasMessageStartingWith("dq.tables.public.a.columns.amount.min: expected a number");
    }

    @Test
    void minAboveMaxIsRejected() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.columns.amount: { min: 10, max: 1 }
                """)).hasMessageContaining("the lower bound 10 is greater than the upper bound 1");
    }

    @Test
    void unknownWhenSettingNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq:
                  tables:
                    public.a:
                      when:
                        - iff: { kind: x }
                          columns: { y: { not-null: true } }
                """)).hasMessageStartingWith("dq.tables.public.a.when[0].iff: unknown setting");
    }

    @Test
    void badTableLimitNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.max-deletes-per-minute: 0
                """)).hasMessageStartingWith("dq.tables.public.a.max-deletes-per-minute: expected a whole number");
    }

    @Test
    void badMonotonicDirectionNamesTheKey() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.columns.version.monotonic: upwards
                """)).hasMessageStartingWith("dq.tables.public.a.columns.version.monotonic: expected increasing");
    }

    @Test
    void transitionsMustBeAMap() {
        assertThatThrownBy(() -> RulesFixture.rules("""
                dq.tables.public.a.columns.status.transitions: paid
                """)).hasMessageStartingWith("dq.tables.public.a.columns.status.transitions: expected a map");
    }

    private static ChangeEvent row(String column, String value) {
        java.util.Map<String, Object> after = new java.util.HashMap<>();
        after.put(column, value);
        return new ChangeEvent("public.a", Op.CREATE, null, null, after, null, Position.NONE, java.util.Map.of());
    }
}
