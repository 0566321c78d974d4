package io.dqmonitor.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class RegistryMetricsTest {

    @Test
    void countsFetchesPerRegistryAndOutcomeAndShowsTheCache() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AvroSchemas schemas = new AvroSchemas(1, 1_000_000, JsonMapper.builder().build());
        RegistryMetrics metrics = new RegistryMetrics(meters, schemas, List.of("default", "orders"));
        String schema = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}";
        schemas.get(new SchemaId("default", SchemaId.Kind.CONFLUENT, 1), id -> schema);
        schemas.get(new SchemaId("default", SchemaId.Kind.CONFLUENT, 2), id -> schema);

        metrics.fetched("default", RegistryMetrics.FOUND);
        metrics.fetched("default", RegistryMetrics.FOUND);
        metrics.fetched("orders", RegistryMetrics.FAILED);
        metrics.fetched("unknown", RegistryMetrics.FOUND);

        assertThat(meters.get("dq.registry.schema.fetches").tags("registry", "default", "outcome", "found").counter()
                .count()).isEqualTo(2);
        assertThat(meters.get("dq.registry.schema.fetches").tags("registry", "orders", "outcome", "failed").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("dq.registry.schema.fetches").tags("registry", "orders", "outcome", "not_found")
                .counter().count()).isZero();
        assertThat(meters.find("dq.registry.schema.fetches").tag("registry", "unknown").counter()).isNull();
        assertThat(meters.get("dq.registry.schemas").gauge().value()).isEqualTo(1);
        assertThat(meters.get("dq.registry.schema.evictions").functionCounter().count()).isEqualTo(1);
    }
}
