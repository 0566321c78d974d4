package io.dqmonitor.rules;

import java.math.BigDecimal;
import java.util.Optional;

import io.dqmonitor.cdc.ValueText;

/**
 * How column values compare with configured values: numbers by their value (1.50 equals 1.5), others by their text.
 * A text of more than {@link ValueText#MAX_PLAIN_LENGTH} characters is not read as a number.
 */
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
        String text = value.toString().trim();
        if (text.length() > ValueText.MAX_PLAIN_LENGTH) {
            // reading digits costs time quadratic in their number; no configured bound needs that many
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
