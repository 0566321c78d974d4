package io.dqmonitor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import io.dqmonitor.contracts.ContractSchemas;
import io.dqmonitor.contracts.DeclaredSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ContractSchemaCheckTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ContractSchemas schemas = new ContractSchemas();
    private final ContractSchemaCheck check = new ContractSchemaCheck(schemas, SchemaMetricsFixture.of(registry));

    ContractSchemaCheckTest() {
        schemas.replace(Map.of("shop.orders", new DeclaredSchema("orders.odcs.yaml", new LinkedHashMap<>(Map.of(
                "id", "integer", "amount", "number", "placed_at", "timestamp", "note", "")))));
    }

    @Test
    void eachDepartureIsReportedOnceWhenItFirstShows() {
        Map<String, String> types = Map.of("id", "int64", "amount", "string", "placed_at",
                "io.debezium.time.MicroTimestamp", "coupon", "string");

        List<SchemaChange> first = check.check(create(types), () -> "e1");
        assertThat(first).containsExactlyInAnyOrder(
                new SchemaChange("shop.orders", "undeclared", "coupon", null, "string"),
                new SchemaChange("shop.orders", "type_mismatch", "amount", "number", "string"),
                new SchemaChange("shop.orders", "missing", "note", "", null));
        assertThat(check.check(create(types), () -> "e2")).isEmpty();
        // the batch of e1 is retried: what it stored was rolled back, so it reports again
        assertThat(check.check(create(types), () -> "e1")).hasSize(3);
        assertThat(registry.find("dq.contract.schema.violations").tags("table", "shop.orders", "kind", "missing")
                .counter()).isNotNull();
    }

    @Test
    void aDepartureThatWentAwayIsReportedAgainWhenItComesBack() {
        Map<String, String> declared = Map.of("id", "int64", "amount", "org.apache.kafka.connect.data.Decimal",
                "placed_at", "io.debezium.time.ZonedTimestamp", "note", "string");
        Map<String, String> withCoupon = new HashMap<>(declared);
        withCoupon.put("coupon", "string");

        assertThat(check.check(create(withCoupon), () -> "e1"))
                .extracting(SchemaChange::change).containsExactly("undeclared");
        assertThat(check.check(create(declared), () -> "e2")).isEmpty();
        assertThat(check.check(create(withCoupon), () -> "e3"))
                .extracting(SchemaChange::change).containsExactly("undeclared");
    }

    @Test
    void aPartialImageSaysNothingOfTheColumnsItLacks() {
        ChangeEvent partial = new ChangeEvent("shop.orders", Op.UPDATE, Map.of("id", 1L), null,
                new HashMap<>(Map.of("id", 1L)), null, Position.NONE, Map.of("id", "int64"), true);

        assertThat(check.check(partial, () -> "e1")).isEmpty();
    }

    @Test
    void aTableWithoutAContractIsNotChecked() {
        ChangeEvent other = new ChangeEvent("shop.other", Op.CREATE, Map.of("id", 1L), null,
                new HashMap<>(Map.of("x", 1L)), null, Position.NONE, Map.of("x", "int64"));

        assertThat(check.check(other, () -> "e1")).isEmpty();
    }

    @Test
    void logicalTypesFitTheirConnectTypes() {
        assertThat(LogicalTypes.fits("integer", "int32")).isTrue();
        assertThat(LogicalTypes.fits("integer", "org.apache.kafka.connect.data.Decimal")).isFalse();
        assertThat(LogicalTypes.fits("number", "org.apache.kafka.connect.data.Decimal")).isTrue();
        assertThat(LogicalTypes.fits("string", "io.debezium.data.Json")).isTrue();
        assertThat(LogicalTypes.fits("date", "io.debezium.time.Date")).isTrue();
        assertThat(LogicalTypes.fits("timestamp", "io.debezium.time.Date")).isFalse();
        assertThat(LogicalTypes.fits("", "anything")).isTrue();
        assertThat(LogicalTypes.fits("string", null)).isTrue();
    }

    private static ChangeEvent create(Map<String, String> types) {
        Map<String, Object> after = new HashMap<>();
        types.keySet().forEach(column -> after.put(column, "v"));
        return new ChangeEvent("shop.orders", Op.CREATE, Map.of("id", 1L), null, after, null, Position.NONE, types);
    }
}
