package io.dqmonitor.sourcelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.dqmonitor.cdc.Position;
import io.dqmonitor.completeness.CompletenessProperties;
import org.junit.jupiter.api.Test;

class BinlogPositionsTest {

    private final BinlogPositions positions = new BinlogPositions(new CompletenessProperties(true, Duration.ofMinutes(5),
            Map.of("mariadb", new CompletenessProperties.Database("monitoring\\..*", null, null, null))));

    @Test
    void theFurthestPositionOfTheSourcesTablesIsKept() {
        positions.stored("monitoring.t", binlog("bin.000002", 40));
        positions.stored("monitoring.u", binlog("bin.000003", 4));
        positions.stored("monitoring.t", binlog("bin.000002", 900));
        assertThat(positions.furthest("mariadb")).contains(new BinlogPositions.Place("bin.000003", 4));
    }

    @Test
    void changesOfOtherTablesAndOtherSourcesAreNotItsPositions() {
        positions.stored("inventory.t", binlog("bin.000009", 1));
        positions.stored("monitoring.t", Position.postgres(5L, 6L));
        assertThat(positions.furthest("mariadb")).isEmpty();
    }

    private static Position binlog(String file, long pos) {
        return new Position.Binlog("mariadb", 1L, null, file, pos, 0L);
    }
}
