package io.dqmonitor.report;

import java.time.Clock;
import java.util.List;

import io.dqmonitor.rules.RulesInForce;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/quality}: per table, since this instance started, events by op and violations by rule; the last
 * event time against the freshness bound ({@code fresh}, {@code stale}, {@code unknown} before any event,
 * {@code unbounded} without a bound); the last schema change.
 */
@RestController
class QualityController {

    private final TableStatistics statistics;
    private final RulesInForce rules;
    private final Clock clock;

    QualityController(TableStatistics statistics, RulesInForce rules, Clock clock) {
        this.statistics = statistics;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping("/api/quality")
    List<TableQuality> quality() {
        return statistics.report(rules.tables(), clock.instant());
    }
}
