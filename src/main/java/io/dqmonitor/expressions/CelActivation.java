package io.dqmonitor.expressions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.NullValue;
import io.dqmonitor.cdc.ChangeEvent;

/**
 * A change as CEL sees it. Values are typed as the change's schema types them: whole numbers as {@code int}, decimals
 * and floating point as {@code double} (CEL has no exact decimal), text as {@code string}, Debezium's timestamps and
 * dates as {@code timestamp} (a date at midnight UTC), times of day and the rest as the text dq-monitor shows.
 * Nothing from the data is taken unbounded: a text longer than {@link #MAX_TEXT} characters or more than
 * {@link #MAX_ELEMENTS} values in all makes the change too large for expressions.
 */
final class CelActivation {

    static final String OP = "op";
    static final String BEFORE = "before";
    static final String AFTER = "after";
    static final String SOURCE = "source";
    /** The after image under the name Confluent's rule sets give the record. */
    static final String MESSAGE = "message";
    static final String VALUE_TOO_LARGE = "expression_value_too_large";
    static final int MAX_TEXT = 65_536;
    static final int MAX_ELEMENTS = 10_000;

    private static final Set<String> TIMESTAMPS = Set.of("io.debezium.time.Timestamp",
            "io.debezium.time.MicroTimestamp", "io.debezium.time.NanoTimestamp", "io.debezium.time.ZonedTimestamp",
            "org.apache.kafka.connect.data.Timestamp");
    private static final Set<String> DATES = Set.of("io.debezium.time.Date", "org.apache.kafka.connect.data.Date");

    private final ChangeEvent event;
    private final Map<String, String> types;
    private int elements;
    private boolean tooLarge;
    private Map<String, Object> variables;

    private CelActivation(ChangeEvent event) {
        this.event = event;
        this.types = event.columnTypes() == null ? Map.of() : event.columnTypes();
    }

    static CelActivation of(ChangeEvent event) {
        CelActivation activation = new CelActivation(event);
        Map<String, Object> variables = new HashMap<>();
        variables.put(OP, event.op().label());
        variables.put(BEFORE, activation.row(event.before()));
        variables.put(AFTER, activation.row(event.after()));
        variables.put(MESSAGE, variables.get(AFTER));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("table", event.table());
        source.put("commit_time", event.sourceTimestamp() == null ? NullValue.NULL_VALUE
                : event.sourceTimestamp());
        source.put("position", event.position() == null ? NullValue.NULL_VALUE : event.position().text());
        variables.put(SOURCE, source);
        activation.variables = variables;
        return activation;
    }

    ChangeEvent event() {
        return event;
    }

    Map<String, Object> variables() {
        return variables;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    /** A missing image is an empty map: {@code has(before.x)} is false, and {@code before.x} an error. */
    private Map<String, Object> row(Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (row != null) {
            row.forEach((column, value) -> values.put(column, value(value, types.get(column))));
        }
        return values;
    }

    private Object value(Object value, String type) {
        if (++elements > MAX_ELEMENTS) {
            tooLarge = true;
            return NullValue.NULL_VALUE;
        }
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger whole) {
            return whole.bitLength() < Long.SIZE ? (Object) whole.longValue() : whole.doubleValue();
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((key, inner) -> nested.put(String.valueOf(key), value(inner, null)));
            return nested;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(Math.min(list.size(), MAX_ELEMENTS));
            for (Object item : list) {
                if (tooLarge) {
                    break;
                }
                items.add(value(item, null));
            }
            return items;
        }
        String text = value.toString();
        if (text.length() > MAX_TEXT) {
            tooLarge = true;
            return NullValue.NULL_VALUE;
        }
        return temporal(text, type);
    }

    /** A timestamp or date column as a CEL timestamp; text that does not read as one stays text. */
    private static Object temporal(String text, String type) {
        if (type == null) {
            return text;
        }
        try {
            if (TIMESTAMPS.contains(type)) {
                // zoned timestamps carry their offset; the others are UTC without saying so
                return text.length() > 19 && (text.endsWith("Z") || text.charAt(text.length() - 6) == '+'
                        || text.charAt(text.length() - 6) == '-') ? OffsetDateTime.parse(text).toInstant()
                        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            if (DATES.contains(type)) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException e) {
            return text;
        }
        return text;
    }
}
