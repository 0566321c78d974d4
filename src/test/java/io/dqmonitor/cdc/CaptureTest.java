package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CaptureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final BothPaths parser = new BothPaths();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "schema"})
    void aStreamedChangeHasTheConnectorsSequenceAsItsOrder(String form) {
        Capture capture = event(form + "-update").capture();
        assertThat(capture.snapshot()).isEqualTo(Capture.Snapshot.NONE);
        assertThat(capture.order()).isEqualTo(new Capture.StreamOrder(26648504, 26648808, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "schema"})
    void aSnapshotReadIsMarkedAsPartOfABlockingSnapshot(String form) {
        Capture capture = event(form + "-snapshot-read").capture();
        assertThat(capture.snapshot()).isEqualTo(Capture.Snapshot.LAST);
        assertThat(capture.snapshot().blocking()).isTrue();
    }

    @Test
    void aFirstCommitOfTheStreamHasNoLastCommitAndComesFirst() {
        Capture first = event("plain-create").capture();
        assertThat(first.order()).isEqualTo(new Capture.StreamOrder(0, 26648264, 0));
        assertThat(first.order()).isLessThan(event("plain-update").capture().order());
    }

    @Test
    void binlogPositionsAreOrderedByFileNumberPositionAndRow() {
        Capture earlier = Capture.of(source("{\"connector\":\"mariadb\",\"file\":\"mariadb-bin.000009\",\"pos\":900,"
                + "\"row\":1,\"snapshot\":\"false\"}"), null);
        assertThat(earlier.order()).isNull();
        Capture ninth = capture("{\"connector\":\"mariadb\",\"file\":\"mariadb-bin.000009\",\"pos\":900,\"row\":1}");
        Capture tenth = capture("{\"connector\":\"mariadb\",\"file\":\"mariadb-bin.000010\",\"pos\":4,\"row\":0}");
        assertThat(ninth.order()).isLessThan(tenth.order());
    }

    @Test
    void markersAreReadAsDebeziumWritesThem() {
        assertThat(capture("{\"connector\":\"postgresql\",\"snapshot\":\"first\"}").snapshot())
                .isEqualTo(Capture.Snapshot.FIRST);
        assertThat(capture("{\"connector\":\"postgresql\",\"snapshot\":\"first_in_data_collection\"}").snapshot())
                .isEqualTo(Capture.Snapshot.WITHIN);
        assertThat(capture("{\"connector\":\"postgresql\",\"snapshot\":\"incremental\"}").snapshot())
                .isEqualTo(Capture.Snapshot.INCREMENTAL);
        assertThat(capture("{\"connector\":\"postgresql\"}").snapshot()).isEqualTo(Capture.Snapshot.NONE);
    }

    @Test
    void aSequenceThatIsNotTwoNumbersGivesNoOrder() {
        assertThat(capture("{\"connector\":\"postgresql\",\"lsn\":5,\"sequence\":\"[\\\"x\\\",\\\"5\\\"]\"}").order())
                .isNull();
        assertThat(capture("{\"connector\":\"postgresql\",\"lsn\":5,\"sequence\":\"nonsense\"}").order()).isNull();
        assertThat(capture("{\"connector\":\"postgresql\",\"lsn\":5,\"sequence\":\"[\\\"99999999999999999999\\\","
                + "\\\"5\\\"]\"}").order()).isNull();
    }

    private static Capture capture(String source) {
        JsonNode node = source(source);
        return Capture.of(node, Position.of(node));
    }

    private static JsonNode source(String json) {
        return JSON.readTree(json);
    }

    private ChangeEvent event(String name) {
        return ((ParsedRecord.Event) parser.parse(DebeziumEvents.bytes(name + ".key"),
                DebeziumEvents.bytes(name + ".value"))).event();
    }
}
