package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.util.Optional;

import io.dqmonitor.cdc.ValueText;

/** How column values compare with configured values: numbers by their value (1.50 equals 1.5), others by their text. */
public final class Values {

    private Values() {
    }

    public static String text(Object value) {
        return ValueText.of(value);
    }

    static Optional<BigDecimal> number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        try {
            return Optional.of(new BigDecimal(value.toString().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
