package io.dqmonitor.sourcelog;

import java.time.Duration;
import java.util.Map;

import io.dqmonitor.completeness.CompletenessProperties;

/** The source-log feature's parts other packages' tests need. */
public final class SourceLogFixtures {

    private SourceLogFixtures() {
    }

    /** Positions of no binlog source: every change is ignored. */
    public static BinlogPositions positions() {
        return new BinlogPositions(new CompletenessProperties(false, Duration.ofMinutes(5), Map.of()));
    }
}
