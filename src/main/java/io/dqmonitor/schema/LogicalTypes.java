package io.dqmonitor.schema;

import java.util.Map;
import java.util.Set;

/**
 * Whether a column's Connect type (its logical name where it has one) fits an ODCS logical type. A column without a
 * declared logical type, or without a known Connect type (schemas off), fits.
 */
final class LogicalTypes {

    private static final Set<String> WHOLE = Set.of("int8", "int16", "int32", "int64");
    private static final Set<String> TIMESTAMPS = Set.of("io.debezium.time.Timestamp",
            "io.debezium.time.MicroTimestamp", "io.debezium.time.NanoTimestamp", "io.debezium.time.ZonedTimestamp",
            "org.apache.kafka.connect.data.Timestamp");
    private static final Map<String, Set<String>> FITS = Map.of(
            "string", Set.of("string", "io.debezium.data.Json", "io.debezium.data.Uuid", "io.debezium.data.Enum",
                    "io.debezium.data.EnumSet", "io.debezium.data.Xml"),
            "integer", WHOLE,
            "number", Set.of("int8", "int16", "int32", "int64", "float", "float32", "float64", "double",
                    "org.apache.kafka.connect.data.Decimal", "io.debezium.data.VariableScaleDecimal"),
            "boolean", Set.of("boolean"),
            "date", Set.of("io.debezium.time.Date", "org.apache.kafka.connect.data.Date"),
            "timestamp", TIMESTAMPS,
            "time", Set.of("io.debezium.time.Time", "io.debezium.time.MicroTime", "io.debezium.time.NanoTime",
                    "io.debezium.time.ZonedTime", "org.apache.kafka.connect.data.Time"),
            "object", Set.of("struct", "map", "io.debezium.data.Json"),
            "array", Set.of("array"));

    private LogicalTypes() {
    }

    static boolean fits(String logical, String connect) {
        if (logical == null || logical.isBlank() || connect == null || connect.isBlank()) {
            return true;
        }
        Set<String> fitting = FITS.get(logical);
        // a logical type ODCS may add later is not judged
        return fitting == null || fitting.contains(connect);
    }
}
