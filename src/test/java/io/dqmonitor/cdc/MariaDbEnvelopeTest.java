package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A record the real Debezium MariaDB connector wrote (captured by MariaDbIT), decoded exactly. */
class MariaDbEnvelopeTest {

    @Test
    void everyTypeOfTheCapturedRecordDecodesToItsValue() throws Exception {
        List<byte[]> record = MariaDbTypes.captured();
        ChangeEvent event = ((ParsedRecord.Event) new BothPaths().parse(record.get(0), record.get(1))).event();

        assertThat(event.table()).isEqualTo("monitoring.all_types");
        assertThat(event.after()).isEqualTo(MariaDbTypes.expectedAfter());
        assertThat(event.columnTypes()).containsEntry("dec_col", "org.apache.kafka.connect.data.Decimal")
                .containsEntry("bit_col", "io.debezium.data.Bits").containsEntry("year_col", "io.debezium.time.Year");
    }

    @Test
    void itsPositionIsTheBinlogCoordinatesWithGtidAndServerId() throws Exception {
        List<byte[]> record = MariaDbTypes.captured();
        ChangeEvent event = ((ParsedRecord.Event) new BothPaths().parse(record.get(0), record.get(1))).event();

        Position.Binlog binlog = (Position.Binlog) event.position();
        assertThat(binlog.source()).isEqualTo("mariadb");
        assertThat(binlog.file()).startsWith("mariadb-bin.");
        assertThat(binlog.serverId()).isEqualTo(1L);
        assertThat(binlog.transaction()).isEqualTo(binlog.gtid());
        assertThat(binlog.text()).isEqualTo("file=" + binlog.file() + ";pos=" + binlog.pos() + ";row=0;gtid="
                + binlog.gtid() + ";server_id=1");
    }
}
