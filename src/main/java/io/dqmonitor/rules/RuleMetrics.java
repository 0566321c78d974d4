package io.dqmonitor.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.dqmonitor.metrics.LabelledMeters;
import io.dqmonitor.metrics.TableLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The meters of the rules. They follow the rule set in force ({@link #rulesInForce}): a rule's
 * violation counter starts at zero when the rule is loaded, and a table's freshness bound, violation and skip
 * counters are removed when its rules are, so that no alert fires on a bound nobody configures any more.
 */
@Component
public class RuleMetrics {

    private record Bound(Gauge gauge, AtomicLong seconds) {
    }

    private final TableLabels tables;
    private final LabelledMeters<Counter> violations;
    private final LabelledMeters<Counter> rulesSkipped;
    private final LabelledMeters<Bound> freshness;

    RuleMetrics(MeterRegistry registry, TableLabels tables) {
        this.tables = tables;
        violations = LabelledMeters.of(registry, l -> Counter.builder("dq.violations")
                .description("Data-quality rule violations, by table, column and rule")
                .tag("table", l.get(0)).tag("column", l.get(1)).tag("rule", l.get(2)).register(registry));
        rulesSkipped = LabelledMeters.of(registry, l -> Counter.builder("dq.rules.skipped")
                .description("Change events whose rules could not all be checked (no before image, missing column)")
                .tag("table", l.get(0)).tag("reason", l.get(1)).register(registry));
        freshness = new LabelledMeters<>(registry, l -> {
            AtomicLong seconds = new AtomicLong();
            return new Bound(Gauge.builder("dq.freshness.threshold", seconds, AtomicLong::doubleValue)
                    .description("Configured freshness bound: the longest a table may go without a change")
                    .baseUnit("seconds").tag("table", l.get(0)).register(registry), seconds);
        }, Bound::gauge);
    }

    /** Publishes the bounds and starts every rule's counter at zero; removes the meters of rules no longer there. */
    void rulesInForce(Map<String, TableRules> rules) {
        tables.rulesInForce(rules.keySet());
        Set<List<String>> ruleLabels = new HashSet<>();
        rules.values().forEach(table -> {
            if (table.freshness() != null) {
                freshness.get(table.table()).seconds().set(table.freshness().toSeconds());
            }
            table.columnRuleLabels().forEach(l -> {
                ruleLabels.add(List.of(table.table(), l.getKey(), l.getValue()));
                violations.get(table.table(), l.getKey(), l.getValue());
            });
        });
        freshness.removeIf(l -> rules.get(l.get(0)) == null || rules.get(l.get(0)).freshness() == null);
        violations.removeIf(l -> !ruleLabels.contains(l));
        rulesSkipped.removeIf(l -> !rules.containsKey(l.get(0)));
    }

    public void violation(String table, String column, String rule) {
        violations.get(table, column, rule).increment();
    }

    public void ruleSkipped(String table, String reason) {
        rulesSkipped.get(table, reason).increment();
    }
}
