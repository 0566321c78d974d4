package io.dqmonitor.rules;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A table's {@code anomaly:} settings: which of its signals are learned and how they are judged.
 *
 * @param enabled           whether the table's signals are learned at all
 * @param signals           the signal kinds learned (see {@link #KINDS})
 * @param columns           columns whose null rate and (when numeric) mean are learned, besides those with rules
 * @param sensitivity       the score at which an anomaly is raised (0.9: rarer than about once in 9 days)
 * @param seasonality       the patterns the detectors may learn
 * @param direction         which deviations count; {@code null} for each signal's own default
 * @param minChange         deviations smaller than this are never anomalous
 * @param minRelativeChange likewise, as a share of the expected value
 * @param warmUp            how long a signal is watched before it may raise anything
 */
public record AnomalyRules(boolean enabled, Set<String> signals, List<String> columns, double sensitivity,
                           Seasonality seasonality, Direction direction, double minChange, double minRelativeChange,
                           Duration warmUp) {

    public static final Set<String> KINDS = Set.of("changes", "delete_share", "null_rate", "mean", "violation_ratio");

    public static final AnomalyRules DEFAULTS = new AnomalyRules(true, KINDS, List.of(), 0.9, Seasonality.AUTO, null,
            0, 0, Duration.ofDays(1));

    public enum Seasonality { AUTO, NONE, DAILY, WEEKLY }

    public enum Direction { BOTH, UP, DOWN }
}
