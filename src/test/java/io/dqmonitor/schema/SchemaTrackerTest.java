package io.dqmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.MongoEnvelopes;
import io.dqmonitor.cdc.MongoEnvelopes.Change;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import org.junit.jupiter.api.Test;

class SchemaTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final SchemaBaselines shared = new InMemorySchemaBaselines();
    private final SchemaTracker tracker = new SchemaTracker(shared);
    private final AtomicLong ids = new AtomicLong();

    @Test
    void theFirstEventIsTheBaseline() {
        assertThat(observe(tracker, event(1, Map.of("id", "int64")))).isEmpty();
    }

    @Test
    void addedRemovedAndRetypedColumnsAreReported() {
        observe(tracker, event(1, types("id", "int64", "note", "string", "qty", "int32")));
        assertThat(observe(tracker, event(2, types("id", "int64", "qty", "int64", "tag", "string"))))
                .containsExactlyInAnyOrder(
                        new SchemaChange("public.t", "added", "tag", null, "string"),
                        new SchemaChange("public.t", "removed", "note", "string", null),
                        new SchemaChange("public.t", "type_changed", "qty", "int32", "int64"));
    }

    @Test
    void withoutSchemasColumnsComeFromTheRow() {
        observe(tracker, new ChangeEvent("public.t", Op.CREATE, null, null, Map.of("id", 1L), null, Position.NONE,
                Map.of()));
        assertThat(observe(tracker, new ChangeEvent("public.t", Op.CREATE, null, null, Map.of("id", 2L, "x", 1L), null,
                Position.NONE, Map.of()))).containsExactly(new SchemaChange("public.t", "added", "x", null, null));
    }

    @Test
    void theEventThatMadeAChangeReportsItAgainWhenReadAgain() {
        observe(tracker, event(1, types("id", "int64")));
        ChangeEvent added = event(2, types("id", "int64", "x", "string"));
        assertThat(tracker.observe(added, () -> "e-added")).hasSize(1);
        assertThat(tracker.observe(event(3, types("id", "int64", "x", "string")), () -> "e-later")).isEmpty();
        assertThat(tracker.observe(added, () -> "e-added")).as("the batch retried").hasSize(1);
    }

    @Test
    void eventsSharingAnIdentityButNotTheirColumnsAreAChange() {
        // key-less events without a source position, as a hand-made topic can carry
        assertThat(tracker.observe(event(1, types("id", "int64")), () -> "same")).isEmpty();
        assertThat(tracker.observe(event(1, types("id", "int64", "x", "string")), () -> "same"))
                .containsExactly(new SchemaChange("public.t", "added", "x", null, "string"));
    }

    @Test
    void aChangeReadByTwoInstancesIsReportedOnce() {
        SchemaTracker other = new SchemaTracker(shared);
        observe(tracker, event(1, types("id", "int64")));
        observe(other, event(2, types("id", "int64")));
        assertThat(observe(tracker, event(3, types("id", "int64", "x", "string")))).hasSize(1);
        assertThat(observe(other, event(4, types("id", "int64", "x", "string")))).isEmpty();
    }

    @Test
    void aChangeIsReportedAgainByTheInstanceThatReadsItsEventAfterACrash() {
        SchemaTracker crashed = new SchemaTracker(shared);
        SchemaTracker survivor = new SchemaTracker(shared);
        observe(survivor, event(1, types("id", "int64")));
        ChangeEvent added = event(2, types("id", "int64", "x", "string"));
        assertThat(crashed.observe(added, () -> "e-added")).hasSize(1);
        assertThat(survivor.observe(added, () -> "e-added")).hasSize(1);
    }

    @Test
    void anOlderEventOfAnotherPartitionIsNoChangeBack() {
        observe(tracker, event(1, types("id", "int64")));
        observe(tracker, event(5, types("id", "int64", "x", "string")));
        assertThat(observe(tracker, event(4, types("id", "int64")))).as("written before the column was added").isEmpty();
        assertThat(observe(tracker, event(6, types("id", "int64", "x", "string")))).isEmpty();
    }

    @Test
    void anInstanceStartingLaterSharesTheBaseline() {
        observe(tracker, event(1, types("id", "int64")));
        assertThat(observe(new SchemaTracker(shared), event(2, types("id", "int64", "x", "string")))).hasSize(1);
    }

    private List<SchemaChange> observe(SchemaTracker tracker, ChangeEvent event) {
        String id = "e" + ids.incrementAndGet();
        return tracker.observe(event, () -> id);
    }

    private static Map<String, String> types(String... nameTypePairs) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            types.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return types;
    }

    @Test
    void fieldsAppearingAndDisappearingInDocumentsAreDrift() {
        observe(tracker, MongoEnvelopes.parse(Change.create("{\"_id\": 1, \"address\": {\"city\": \"Oslo\"}}")));
        assertThat(observe(tracker, MongoEnvelopes.parse(Change.create(
                "{\"_id\": 2, \"address\": {\"zip\": \"0150\"}, \"age\": {\"$numberInt\": \"3\"}}"))))
                .containsExactlyInAnyOrder(
                        new SchemaChange("shop.customers", "added", "address.zip", null, "string"),
                        new SchemaChange("shop.customers", "added", "age", null, "int32"),
                        new SchemaChange("shop.customers", "removed", "address.city", "string", null));
    }

    @Test
    void anUpdateWithoutTheFullDocumentSaysNothingAboutTheDocumentsShape() {
        observe(tracker, MongoEnvelopes.parse(Change.create("{\"_id\": 1, \"name\": \"A\", \"age\": 3}")));
        assertThat(observe(tracker, MongoEnvelopes.parse(MongoEnvelopes.update(null, "{\"age\": 4}", null)))).isEmpty();
        assertThat(observe(tracker, MongoEnvelopes.parse(Change.create("{\"_id\": 2, \"name\": \"B\", \"age\": 5}"))))
                .isEmpty();
    }

    private static ChangeEvent event(int second, Map<String, String> columnTypes) {
        return new ChangeEvent("public.t", Op.CREATE, null, null, Map.of(), T0.plusSeconds(second), Position.NONE,
                columnTypes);
    }
}
