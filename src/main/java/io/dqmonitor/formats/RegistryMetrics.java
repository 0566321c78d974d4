package io.dqmonitor.formats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The schema registries as dq-monitor sees them: {@code dq_registry_schema_fetches_total{registry,outcome}} (found,
 * not_found, failed), {@code dq_registry_schemas} (held in the cache) and {@code dq_registry_schema_evictions_total}
 * (schemas dropped to keep the cache within {@code dq.registry.max-schemas} and {@code max-schema-characters}).
 */
final class RegistryMetrics {

    static final String FOUND = "found";
    static final String NOT_FOUND = "not_found";
    static final String FAILED = "failed";

    private final Map<String, Counter> fetches = new HashMap<>();

    RegistryMetrics(MeterRegistry registry, AvroSchemas schemas, List<String> registries) {
        for (String name : registries) {
            for (String outcome : List.of(FOUND, NOT_FOUND, FAILED)) {
                fetches.put(name + '/' + outcome, Counter.builder("dq.registry.schema.fetches")
                        .description("Schemas asked of a schema registry by id, by outcome (failed: it did not "
                                + "answer, or answered with an error, and the batch is retried)")
                        .tag("registry", name).tag("outcome", outcome).register(registry));
            }
        }
        Gauge.builder("dq.registry.schemas", schemas, AvroSchemas::size)
                .description("Avro schemas held, parsed, in the schema cache").register(registry);
        FunctionCounter.builder("dq.registry.schema.evictions", schemas, AvroSchemas::evictions)
                .description("Schemas dropped from the cache to keep it within dq.registry.max-schemas and "
                        + "max-schema-characters; fetched again when a record names them").register(registry);
    }

    void fetched(String registry, String outcome) {
        Counter counter = fetches.get(registry + '/' + outcome);
        if (counter != null) {
            counter.increment();
        }
    }
}
