package io.dqmonitor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AvroSchemasTest {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Row\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}";

    @Test
    void fetchesEachSchemaOnceAndKeepsAtMostItsBound() {
        AvroSchemas schemas = new AvroSchemas(2, 1_000_000, JsonMapper.builder().build());
        List<SchemaId> fetched = new ArrayList<>();
        for (long id : new long[] {1, 2, 1, 3, 1, 2}) {
            schemas.get(new SchemaId("default", SchemaId.Kind.CONFLUENT, id), asked -> {
                fetched.add(asked);
                return SCHEMA;
            });
        }

        // 1 stays as the most recently used; 2 went out when 3 came, and is fetched again
        assertThat(fetched).extracting(SchemaId::id).containsExactly(1L, 2L, 3L, 2L);
        assertThat(schemas.size()).isEqualTo(2);
        assertThat(schemas.evictions()).isEqualTo(2);
    }

    @Test
    void keepsTheSchemasTextWithinItsCharacterBoundButAlwaysTheLastFetched() {
        AvroSchemas schemas = new AvroSchemas(100, 2L * SCHEMA.length(), JsonMapper.builder().build());
        for (long id = 1; id <= 4; id++) {
            schemas.get(new SchemaId("default", SchemaId.Kind.CONFLUENT, id), asked -> SCHEMA);
        }
        assertThat(schemas.size()).isEqualTo(2);
        assertThat(schemas.evictions()).isEqualTo(2);

        AvroSchemas tiny = new AvroSchemas(100, 1, JsonMapper.builder().build());
        tiny.get(new SchemaId("default", SchemaId.Kind.CONFLUENT, 1), asked -> SCHEMA);
        assertThat(tiny.size()).isEqualTo(1);
    }

    @Test
    void aSchemaThatIsNotAvroMakesTheRecordUndecodable() {
        AvroSchemas schemas = new AvroSchemas(2, 1_000_000, JsonMapper.builder().build());

        assertThatThrownBy(() -> schemas.get(new SchemaId("default", SchemaId.Kind.CONFLUENT, 1), id -> "{\"type\":"))
                .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("is not Avro");
    }

    @Test
    void keepsEachSchemaInConnectsJsonOnceAndASchemaWithoutOneRefusesItsRecordsWithoutAnotherFetch() {
        AvroSchemas schemas = new AvroSchemas(2, 1_000_000, JsonMapper.builder().build());
        SchemaId row = new SchemaId("default", SchemaId.Kind.CONFLUENT, 1);
        assertThat(new String(schemas.get(row, id -> SCHEMA).connectSchemaOrThrow()))
                .isEqualTo("{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"type\":\"int32\",\"optional\":false,"
                        + "\"field\":\"id\"}]}");

        String union = "{\"type\":\"record\",\"name\":\"U\",\"fields\":[{\"name\":\"v\",\"type\":[\"int\",\"string\"]}]}";
        SchemaId odd = new SchemaId("default", SchemaId.Kind.CONFLUENT, 2);
        List<SchemaId> fetched = new ArrayList<>();
        for (int record = 0; record < 3; record++) {
            AvroSchemas.Parsed parsed = schemas.get(odd, id -> {
                fetched.add(id);
                return union;
            });
            assertThatThrownBy(parsed::connectSchemaOrThrow).isInstanceOf(UndecodableRecordException.class)
                    .hasMessageContaining("has no Connect type");
        }
        assertThat(fetched).hasSize(1);
    }
}
