package io.dqmonitor.cdc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON of one column value into a plain Java value, using the Connect schema where there is one:
 * decimals become exact {@link BigDecimal}s, Debezium and Connect temporal types become ISO-8601 strings.
 * Without a schema a value is taken as JSON gives it (numbers exactly, as BigDecimal when fractional).
 */
final class ValueDecoder {

    static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    static final String JSON = "io.debezium.data.Json";
    static final String BITS = "io.debezium.data.Bits";
    static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    /** The points and spans of time Connect writes as whole numbers, each with its ISO-8601 text. */
    private static final Map<String, LongFunction<String>> TEMPORAL = Map.ofEntries(
            Map.entry("io.debezium.time.Date", days -> LocalDate.ofEpochDay(days).toString()),
            Map.entry("org.apache.kafka.connect.data.Date", days -> LocalDate.ofEpochDay(days).toString()),
            Map.entry("io.debezium.time.Time", millis -> LocalTime.ofNanoOfDay(millis * 1_000_000L).toString()),
            Map.entry("org.apache.kafka.connect.data.Time",
                    millis -> LocalTime.ofNanoOfDay(millis * 1_000_000L).toString()),
            Map.entry("io.debezium.time.MicroTime", micros -> LocalTime.ofNanoOfDay(micros * 1_000L).toString()),
            Map.entry("io.debezium.time.NanoTime", nanos -> LocalTime.ofNanoOfDay(nanos).toString()),
            Map.entry("io.debezium.time.Timestamp", millis -> localDateTime(Instant.ofEpochMilli(millis))),
            Map.entry("org.apache.kafka.connect.data.Timestamp", millis -> localDateTime(Instant.ofEpochMilli(millis))),
            Map.entry("io.debezium.time.MicroTimestamp", micros -> localDateTime(epochMicros(micros))),
            Map.entry("io.debezium.time.NanoTimestamp", nanos -> localDateTime(epochNanos(nanos))),
            Map.entry("io.debezium.time.MicroDuration", micros -> Duration.ofNanos(micros * 1_000L).toString()));

    private ValueDecoder() {
    }

    static Map<String, Object> decodeRow(JsonNode row, ConnectSchema schema) {
        if (row == null || row.isNull() || row.isMissingNode()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> column : row.properties()) {
            values.put(column.getKey(), decode(column.getValue(), schema.field(column.getKey())));
        }
        return values;
    }

    static Object decode(JsonNode value, ConnectSchema.FieldType type) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (type != null && type.logicalName() != null) {
            Object logical = decodeLogical(value, type);
            if (logical != null) {
                return logical;
            }
        }
        return plain(value);
    }

    private static Object decodeLogical(JsonNode value, ConnectSchema.FieldType type) {
        if (isTemporal(type.logicalName())) {
            return temporal(type.logicalName(), value.longValue());
        }
        return switch (type.logicalName()) {
            case DECIMAL -> decimal(value, type.scale());
            case VARIABLE_SCALE_DECIMAL -> variableScaleDecimal(value);
            case JSON -> value.isString() ? new JsonText(value.stringValue()) : null;
            case BITS -> value.isString() ? bits(value.stringValue()) : null;
            default -> null;
        };
    }

    /** Whether a logical type is a point or span of time that Connect writes as a whole number. */
    static boolean isTemporal(String logicalName) {
        return TEMPORAL.containsKey(logicalName);
    }

    /** A temporal value ({@link #isTemporal}) as ISO-8601 text. */
    static String temporal(String logicalName, long value) {
        LongFunction<String> text = TEMPORAL.get(logicalName);
        if (text == null) {
            throw new IllegalArgumentException("not a temporal type: " + logicalName);
        }
        return text.apply(value);
    }

    /** A fixed-scale decimal as Connect writes it: the unscaled value's two's-complement bytes in base64. */
    static BigDecimal decimal(String base64, int scale) {
        return new BigDecimal(new BigInteger(Base64.getDecoder().decode(base64)), scale);
    }

    private static Object decimal(JsonNode value, Integer scale) {
        if (value.isString() && scale != null) {
            try {
                return decimal(value.stringValue(), scale);
            } catch (IllegalArgumentException notBase64) {
                return new BigDecimal(value.stringValue());
            }
        }
        return value.isNumber() ? value.decimalValue() : null;
    }

    /** MySQL/MariaDB {@code BIT(n)}: little-endian bytes, read as the unsigned number the bits spell. */
    static Object bits(String base64) {
        byte[] littleEndian = Base64.getDecoder().decode(base64);
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger number = new BigInteger(1, bigEndian);
        return number.bitLength() < 64 ? (Object) number.longValue() : number;
    }

    private static Object variableScaleDecimal(JsonNode value) {
        JsonNode unscaled = value.path("value");
        if (!value.isObject() || !unscaled.isString()) {
            return null;
        }
        return new BigDecimal(new BigInteger(Base64.getDecoder().decode(unscaled.stringValue())),
                value.path("scale").intValue());
    }

    private static boolean isVariableScaleDecimal(JsonNode value) {
        return value.size() == 2 && value.path("scale").isIntegralNumber() && value.path("value").isString();
    }

    private static Instant epochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static Instant epochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    // Debezium encodes "timestamp without time zone" as if it were UTC: read it back the same way.
    private static String localDateTime(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static Object plain(JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>(value.size());
            value.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (value.isObject()) {
            // without a schema a VariableScaleDecimal is still recognisable by its shape
            return isVariableScaleDecimal(value) ? variableScaleDecimal(value) : decodeRow(value, ConnectSchema.NONE);
        }
        return value.asString();
    }
}
