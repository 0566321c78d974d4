package io.dqmonitor.sourcelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BinlogDistanceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final BinlogDistance distance = new BinlogDistance();

    @Test
    void inTheCurrentFileTheDistanceIsThePositionsDifference() {
        BinlogDistance.Reading reading = distance.read(binlog("bin.000002", 900, "bin.000001", 500L),
                Optional.of(new BinlogPositions.Place("bin.000002", 400)), T0);
        assertThat(reading.behindBytes()).contains(500L);
        assertThat(reading.neededFilePurged()).contains(false);
        assertThat(reading.neededFileAge()).contains(Duration.ZERO);
    }

    @Test
    void acrossFilesTheRestOfTheConnectorsFileAndEveryFileAfterItCount() {
        BinlogDistance.Reading reading = distance.read(
                binlog("bin.000004", 100, "bin.000001", 1000L, "bin.000002", 1000L, "bin.000003", 700L),
                Optional.of(new BinlogPositions.Place("bin.000002", 600)), T0);
        assertThat(reading.behindBytes()).contains(400L + 700L + 100L);
    }

    @Test
    void aFileIsAsOldAsTheTimeSinceItWasSeenLeftBehind() {
        BinlogReader.Binlog one = binlog("bin.000001", 300);
        distance.read(one, Optional.empty(), T0);
        BinlogReader.Binlog two = binlog("bin.000002", 50, "bin.000001", 300L);
        distance.read(two, Optional.empty(), T0.plusSeconds(60));
        BinlogDistance.Reading later = distance.read(two, Optional.of(new BinlogPositions.Place("bin.000001", 10)),
                T0.plusSeconds(660));
        assertThat(later.oldestFileAge()).isEqualTo(Duration.ofSeconds(600));
        assertThat(later.neededFileAge()).contains(Duration.ofSeconds(600));
        assertThat(later.expirySeconds()).isEqualTo(86_400);
    }

    @Test
    void aPurgedFileIsSaidSoAndHasNoDistance() {
        BinlogDistance.Reading reading = distance.read(binlog("bin.000009", 100, "bin.000008", 10L),
                Optional.of(new BinlogPositions.Place("bin.000003", 10)), T0);
        assertThat(reading.neededFilePurged()).contains(true);
        assertThat(reading.behindBytes()).isEmpty();
    }

    @Test
    void beforeTheConnectorStreamedAnythingOnlyTheServersSideIsKnown() {
        BinlogDistance.Reading reading = distance.read(binlog("bin.000001", 100), Optional.empty(), T0);
        assertThat(reading.behindBytes()).isEmpty();
        assertThat(reading.neededFilePurged()).isEmpty();
        assertThat(reading.oldestFileAge()).isEqualTo(Duration.ZERO);
    }

    /** Files before the current one with their sizes, then the current one (with its position as its size). */
    private static BinlogReader.Binlog binlog(String current, long position, Object... earlier) {
        Map<String, Long> files = new LinkedHashMap<>();
        for (int i = 0; i < earlier.length; i += 2) {
            files.put((String) earlier[i], (Long) earlier[i + 1]);
        }
        files.put(current, position);
        return new BinlogReader.Binlog(files, current, position, 86_400);
    }
}
