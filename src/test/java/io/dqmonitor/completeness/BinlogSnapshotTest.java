package io.dqmonitor.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqmonitor.cdc.Position;
import org.junit.jupiter.api.Test;

class BinlogSnapshotTest {

    private final BinlogSnapshot snapshot = new BinlogSnapshot("mariadb-bin.000009", 1000);

    @Test
    void changesBeforeTheSnapshotPositionAreInTheCount() {
        assertThat(snapshot.sees(at("mariadb-bin.000009", 999))).isTrue();
        assertThat(snapshot.sees(at("mariadb-bin.000009", 1000))).isFalse();
        assertThat(snapshot.sees(at("mariadb-bin.000009", 5000))).isFalse();
    }

    @Test
    void filesAreOrderedByTheirSequenceNotAsText() {
        assertThat(snapshot.sees(at("mariadb-bin.000008", 99_999))).isTrue();
        assertThat(new BinlogSnapshot("mariadb-bin.999999", 4).sees(at("mariadb-bin.1000000", 4))).isFalse();
    }

    @Test
    void onlyBinlogPositionsWithFileAndOffsetCanBePlaced() {
        assertThat(snapshot.orders(at("mariadb-bin.000001", 4))).isTrue();
        assertThat(snapshot.orders(Position.postgres(1L, 2L))).isFalse();
        assertThat(snapshot.orders(new Position.Binlog("mariadb", 1L, "0-1-1", null, null, null))).isFalse();
    }

    private static Position at(String file, long pos) {
        return new Position.Binlog("mariadb", 1L, null, file, pos, 0L);
    }
}
