package io.dqmonitor.cdc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A decoded column value as text: numbers by their value ({@code 1.50} is {@code 1.5}), everything else as written.
 * A number is never expanded without bound: the data sets a decimal's scale ({@code 1e2000000000}, a Debezium
 * {@code Decimal} whose scale is a huge negative number), and its plain text would not fit in memory.
 */
public final class ValueText {

    /** The longest plain text a number is shown as; a longer one is shown in scientific form. */
    public static final int MAX_PLAIN_LENGTH = 1000;
    /** Digits kept when a number too long for exact scientific text is shown approximately. */
    private static final MathContext DIGITS = new MathContext(16);
    private static final int MAX_EXACT_BITS = (int) Math.ceil(MAX_PLAIN_LENGTH * Math.log(10) / Math.log(2));

    private ValueText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return of(decimal);
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return of(new BigDecimal(value.toString()));
        }
        return value.toString();
    }

    private static String of(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return "0";
        }
        if (decimal.unscaledValue().bitLength() > MAX_EXACT_BITS) {
            // even its digits are too many to work out: stripping or printing them is quadratic in their number
            return approximately(decimal);
        }
        // by hand, in longs: BigDecimal's own stripping overflows a scale near Integer.MIN_VALUE
        String digits = decimal.unscaledValue().abs().toString();
        int kept = digits.length();
        while (kept > 1 && digits.charAt(kept - 1) == '0') {
            kept--;
        }
        long scale = (long) decimal.scale() - (digits.length() - kept);
        digits = digits.substring(0, kept);
        long plainLength = scale <= 0 ? kept - scale : Math.max(kept, scale + 1) + 1;
        String sign = decimal.signum() < 0 ? "-" : "";
        if (plainLength <= MAX_PLAIN_LENGTH) {
            return sign + new BigDecimal(new BigInteger(digits), (int) scale).toPlainString();
        }
        long exponent = kept - 1 - scale;
        return sign + digits.charAt(0) + (kept > 1 ? "." + digits.substring(1) : "") + "E" + (exponent >= 0 ? "+" : "")
                + exponent;
    }

    /** Scientific text with the leading 16 digits, worked out from the top bits alone. */
    private static String approximately(BigDecimal decimal) {
        BigInteger unscaled = decimal.unscaledValue().abs();
        int shift = unscaled.bitLength() - 63;
        double log10 = Math.log10(unscaled.shiftRight(shift).doubleValue()) + shift * Math.log10(2)
                - decimal.scale();
        long exponent = (long) Math.floor(log10);
        BigDecimal mantissa = BigDecimal.valueOf(Math.pow(10, log10 - exponent)).round(DIGITS);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            mantissa = BigDecimal.ONE;
            exponent++;
        }
        return (decimal.signum() < 0 ? "-" : "") + "~" + mantissa.stripTrailingZeros().toPlainString() + "E"
                + (exponent >= 0 ? "+" : "") + exponent;
    }
}
