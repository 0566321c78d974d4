package io.dqmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.MongoEnvelopes;
import io.dqmonitor.cdc.MongoEnvelopes.Change;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import org.junit.jupiter.api.Test;

class SchemaTrackerTest {

    private final SchemaTracker tracker = new SchemaTracker();

    @Test
    void theFirstEventIsTheBaseline() {
        assertThat(tracker.session().observe(event(Map.of("id", "int64")))).isEmpty();
    }

    @Test
    void addedRemovedAndRetypedColumnsAreReported() {
        SchemaTracker.Session session = tracker.session();
        session.observe(event(types("id", "int64", "note", "string", "qty", "int32")));
        assertThat(session.observe(event(types("id", "int64", "qty", "int64", "tag", "string"))))
                .containsExactlyInAnyOrder(
                        new SchemaChange("public.t", "added", "tag", null, "string"),
                        new SchemaChange("public.t", "removed", "note", "string", null),
                        new SchemaChange("public.t", "type_changed", "qty", "int32", "int64"));
    }

    @Test
    void withoutSchemasColumnsComeFromTheRow() {
        SchemaTracker.Session session = tracker.session();
        session.observe(new ChangeEvent("public.t", Op.CREATE, null, null, Map.of("id", 1L), null, Position.NONE, Map.of()));
        assertThat(session.observe(new ChangeEvent("public.t", Op.CREATE, null, null, Map.of("id", 2L, "x", 1L), null,
                Position.NONE, Map.of()))).containsExactly(new SchemaChange("public.t", "added", "x", null, null));
    }

    @Test
    void anUncommittedBatchIsSeenAgainOnRetry() {
        tracker.session().observe(event(types("id", "int64")));
        SchemaTracker.Session baseline = tracker.session();
        baseline.observe(event(types("id", "int64")));
        baseline.commit();

        tracker.session().observe(event(types("id", "int64", "x", "string")));
        assertThat(tracker.session().observe(event(types("id", "int64", "x", "string")))).hasSize(1);
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
        SchemaTracker.Session session = tracker.session();
        session.observe(MongoEnvelopes.parse(Change.create("{\"_id\": 1, \"address\": {\"city\": \"Oslo\"}}")));
        assertThat(session.observe(MongoEnvelopes.parse(Change.create(
                "{\"_id\": 2, \"address\": {\"zip\": \"0150\"}, \"age\": {\"$numberInt\": \"3\"}}"))))
                .containsExactlyInAnyOrder(
                        new SchemaChange("shop.customers", "added", "address.zip", null, "string"),
                        new SchemaChange("shop.customers", "added", "age", null, "int32"),
                        new SchemaChange("shop.customers", "removed", "address.city", "string", null));
    }

    @Test
    void anUpdateWithoutTheFullDocumentSaysNothingAboutTheDocumentsShape() {
        SchemaTracker.Session session = tracker.session();
        session.observe(MongoEnvelopes.parse(Change.create("{\"_id\": 1, \"name\": \"A\", \"age\": 3}")));
        assertThat(session.observe(MongoEnvelopes.parse(MongoEnvelopes.update(null, "{\"age\": 4}", null)))).isEmpty();
        assertThat(session.observe(MongoEnvelopes.parse(Change.create("{\"_id\": 2, \"name\": \"B\", \"age\": 5}"))))
                .isEmpty();
    }

    private static ChangeEvent event(Map<String, String> columnTypes) {
        return new ChangeEvent("public.t", Op.CREATE, null, null, Map.of(), null, Position.NONE, columnTypes);
    }
}
