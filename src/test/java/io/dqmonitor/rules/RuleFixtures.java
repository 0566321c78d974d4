package io.dqmonitor.rules;

import java.util.List;
import java.util.Map;

import io.dqmonitor.metrics.MetricsProperties;
import io.dqmonitor.metrics.TableLabelsFixture;
import io.dqmonitor.privacy.Masker;
import io.dqmonitor.privacy.PrivacyProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The parts of the rule engine that tests in other packages build rule sets and evaluators from. */
public final class RuleFixtures {

    private RuleFixtures() {
    }

    /** Every rule factory, as the application context finds them. */
    public static List<RuleFactory> factories() {
        return List.of(new NotNullRule.Factory(), new AllowedValuesRule.Factory(), new RangeRule.Factory(),
                new PatternRule.Factory(), new ImmutableRule.Factory(), new TransitionRule.Factory(),
                new MonotonicRule.Factory(), new NotClearedRule.Factory(), new LengthRule.Factory(),
                new MissingValuesRule.Factory());
    }

    public static RulesInForce inForce(Map<String, TableRules> tables) {
        return new RulesInForce(tables, new RuleMetrics(new SimpleMeterRegistry(),
                TableLabelsFixture.of(new MetricsProperties(100))));
    }

    /** The masker of the tests, with a fixed key: {@code pii: hash} hashes are stable from run to run. */
    public static final Masker MASKER = new Masker(new PrivacyProperties("a-test-key-of-32-characters-long"));

    public static RuleEvaluator evaluator(Map<String, TableRules> tables) {
        return new RuleEvaluator(inForce(tables), MASKER);
    }

    /** Table limits counting in windows of their own, as one instance alone would. */
    public static TableLimits limits(RulesInForce rules) {
        return new TableLimits(rules, new InMemoryLimitWindows(),
                RuleMetricsFixture.of(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    public static RuleEvaluator evaluator(RulesInForce rules) {
        return new RuleEvaluator(rules, MASKER);
    }
}
