package io.dqmonitor.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How Connect's Avro schema properties come back as the JSON converter's schema. */
class ConnectJsonTest {

    private static final Schema ROW = new Schema.Parser().parse("""
            {"type": "record", "name": "Value", "connect.name": "db.public.t.Value", "fields": [
              {"name": "id", "type": {"type": "int", "connect.type": "int16"}},
              {"name": "amount", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 12,
                "scale": 2, "connect.version": 1, "connect.name": "org.apache.kafka.connect.data.Decimal",
                "connect.parameters": {"scale": "2", "connect.decimal.precision": "12"}}], "default": null},
              {"name": "at", "type": {"type": "long", "connect.version": 1,
                "connect.name": "io.debezium.time.MicroTimestamp"}}
            ]}""");

    @Test
    void writesTheSchemaInConnectsTermsWithLogicalNamesAndParameters() {
        JsonNode schema = ConnectJson.schema(ROW, false);

        assertThat(schema.path("type").asString()).isEqualTo("struct");
        assertThat(schema.path("name").asString()).isEqualTo("db.public.t.Value");
        JsonNode fields = schema.path("fields");
        assertThat(fields.get(0).path("type").asString()).isEqualTo("int16");
        assertThat(fields.get(1).path("optional").asBoolean()).isTrue();
        assertThat(fields.get(1).path("name").asString()).isEqualTo("org.apache.kafka.connect.data.Decimal");
        assertThat(fields.get(1).path("parameters").path("scale").asString()).isEqualTo("2");
        assertThat(fields.get(2).path("name").asString()).isEqualTo("io.debezium.time.MicroTimestamp");
        assertThat(fields.get(2).path("field").asString()).isEqualTo("at");
    }

    @Test
    void writesBytesInBase64AsTheJsonConverterDoes() {
        GenericData.Record row = new GenericData.Record(ROW);
        row.put("id", 7);
        row.put("amount", ByteBuffer.wrap(new BigDecimal("-0.01").unscaledValue().toByteArray()));
        row.put("at", 1_764_583_200_000_000L);

        JsonNode payload = ConnectJson.payload(ROW, row);

        assertThat(payload.path("id").asInt()).isEqualTo(7);
        assertThat(payload.path("amount").asString()).isEqualTo("/w==");
        assertThat(payload.path("at").asLong()).isEqualTo(1_764_583_200_000_000L);
    }
}
