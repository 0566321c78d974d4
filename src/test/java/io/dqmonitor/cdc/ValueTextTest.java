package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void numbersAreShownByTheirValue() {
        assertThat(ValueText.of(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(ValueText.of(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ValueText.of(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(ValueText.of(2.5d)).isEqualTo("2.5");
        assertThat(ValueText.of(1e300)).hasSize(301).startsWith("1000");
        assertThat(ValueText.of("1.50")).isEqualTo("1.50");
    }

    @Test
    void aNumberWhosePlainTextWouldBeHugeIsShownInScientificForm() {
        // Debezium's Decimal with scale -2000000000, or a schemaless 1e2000000000: plain text of 2 GB
        assertThat(ValueText.of(new BigDecimal(BigInteger.ONE, -2_000_000_000))).isEqualTo("1E+2000000000");
        assertThat(ValueText.of(new BigDecimal("-1.5e2000000000"))).isEqualTo("-1.5E+2000000000");
        assertThat(ValueText.of(new BigDecimal(BigInteger.ONE, 2_000_000_000))).isEqualTo("1E-2000000000");
        assertThat(ValueText.of(new BigDecimal("1e1000"))).isEqualTo("1E+1000");
        assertThat(ValueText.of(new BigDecimal("1e999"))).hasSize(1000);
        // stripping the zeros moves the scale past Integer.MIN_VALUE, where BigDecimal's own stripping overflows
        assertThat(ValueText.of(new BigDecimal(BigInteger.valueOf(-1200), Integer.MIN_VALUE)))
                .isEqualTo("-1.2E+2147483651");
    }

    @Test
    void aNumberOfTooManyDigitsIsShownApproximatelyWithoutWorkingOutItsDigits() {
        // a Decimal of a few megabytes of bytes: its digits alone take minutes to print
        BigInteger huge = BigInteger.TWO.pow(8_000_000).subtract(BigInteger.ONE);
        String shown = ValueText.of(new BigDecimal(huge, 10));
        // 2^8000000 is 9.2323412668181…E+2408239; the scale moves the point 10 places
        assertThat(shown).startsWith("~9.2323412668181").endsWith("E+2408229").hasSizeLessThan(30);
        assertThat(ValueText.of(new BigDecimal(huge.negate(), -5))).startsWith("-~9.2323412668181")
                .endsWith("E+2408244");
        assertThat(ValueText.of(new BigDecimal(BigInteger.TEN.pow(1200)))).isEqualTo("~1E+1200");
    }

    @Test
    void nonFiniteFloatingPointValuesAreShownAsJavaWritesThem() {
        assertThat(ValueText.of(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(ValueText.of(Float.NaN)).isEqualTo("NaN");
    }
}
