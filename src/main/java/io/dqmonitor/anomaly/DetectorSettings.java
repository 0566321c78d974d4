package io.dqmonitor.anomaly;

import java.time.Duration;

import io.dqmonitor.rules.AnomalyRules.Direction;
import io.dqmonitor.rules.AnomalyRules.Seasonality;

/**
 * How one signal's detector judges.
 *
 * @param sensitivity the score at which an anomaly is raised: 0.9 means a deviation this signal has shown less than
 *                    about once in 9 days (the score is {@code T / (T + 1 day)} for a return period {@code T})
 * @param seasonality which patterns it may learn: {@code auto} tries none, daily and weekly and uses the best
 * @param direction   which deviations count: both, only up, only down
 * @param minChange   a deviation from the expected value smaller than this is never anomalous
 * @param minRelativeChange likewise, as a share of the expected value (0.2 = 20%)
 * @param warmUp      nothing is raised before the signal has been watched this long
 * @param rearm       after raising, the same signal is not raised again for this long (one incident, one anomaly)
 */
record DetectorSettings(double sensitivity, Seasonality seasonality, Direction direction, double minChange,
                        double minRelativeChange, Duration warmUp, Duration rearm) {

    static final DetectorSettings DEFAULTS = new DetectorSettings(0.9, Seasonality.AUTO, Direction.BOTH, 0, 0,
            Duration.ofDays(1), Duration.ofHours(12));
}
