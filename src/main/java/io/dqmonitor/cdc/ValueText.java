package io.dqmonitor.cdc;

import java.math.BigDecimal;

/** A decoded column value as text: numbers by their value ({@code 1.50} is {@code 1.5}), everything else as written. */
public final class ValueText {

    private ValueText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return of(new BigDecimal(value.toString()));
        }
        return value.toString();
    }
}
