package io.dqmonitor.quality;

import java.time.Clock;
import java.util.List;
import java.util.Map;

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
    private final RuleEvaluator rules;
    private final Clock clock = Clock.systemUTC();

    QualityController(TableStatistics statistics, RuleEvaluator rules) {
        this.statistics = statistics;
        this.rules = rules;
    }

    @GetMapping("/api/quality")
    List<Map<String, Object>> quality() {
        return statistics.report(rules.tables(), clock.instant());
    }
}
