package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PositionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aPostgresPositionKeepsTheIdentityChangesHadBeforeOtherSources() {
        Position position = Position.of(JSON.readTree("{\"connector\":\"postgresql\",\"lsn\":26648264,\"txId\":1696}"));

        assertThat(position).isEqualTo(Position.postgres(26648264L, 1696L));
        assertThat(position.identity()).isEqualTo("26648264|1696");
        assertThat(position.text()).isEqualTo("lsn=26648264;txId=1696");
        assertThat(position.transaction()).isEqualTo("1696");
    }

    @Test
    void aMySqlPositionWithoutGtidsGroupsATransactionByItsFirstEvent() {
        Position position = Position.of(JSON.readTree("""
                {"connector":"mysql","server_id":223344,"gtid":null,"file":"mysql-bin.000003","pos":154,"row":2}"""));

        assertThat(position.source()).isEqualTo("mysql");
        assertThat(position.text()).isEqualTo("file=mysql-bin.000003;pos=154;row=2;server_id=223344");
        assertThat(position.transaction()).isEqualTo("mysql-bin.000003:154");
    }

    @Test
    void aBinlogPositionWithAGtidGroupsByIt() {
        Position position = Position.of(JSON.readTree("""
                {"connector":"mariadb","server_id":1,"gtid":"0-1-7","file":"mariadb-bin.000001","pos":3055,"row":0}"""));

        assertThat(position.transaction()).isEqualTo("0-1-7");
    }

    @Test
    void aSourceWithoutAConnectorButAnLsnIsPostgres() {
        assertThat(Position.of(JSON.readTree("{\"lsn\":5}"))).isEqualTo(Position.postgres(5L, null));
        assertThat(Position.of(JSON.readTree("{\"connector\":\"db2\"}"))).isEqualTo(Position.NONE);
        assertThat(Position.NONE.identity()).isEqualTo("null|null");
    }
}
