package io.dqmonitor.anomaly;

import io.dqmonitor.rules.RulesInForce;

/** Anomaly parts for other packages' tests. */
public final class AnomalyFixtures {

    private AnomalyFixtures() {
    }

    /** A monitor over a store in memory, of an instance that leads no table and holds no partition. */
    public static AnomalyMonitor monitor(RulesInForce rules) {
        return new AnomalyMonitor(rules, new InMemoryMinuteStore(), table -> false);
    }
}
