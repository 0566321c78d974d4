package io.dqmonitor.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.OpaqueKey;
import io.dqmonitor.cdc.Position;
import org.junit.jupiter.api.Test;

class MaskerTest {

    private final Masker masker = new Masker(new PrivacyProperties("a-test-key-of-32-characters-long"));

    @Test
    void aHashIsKeyedStableAndShort() {
        String hash = masker.maskText(PiiMode.HASH, "alice@example.com");

        assertThat(hash).startsWith(Masker.HASH_PREFIX).hasSize(Masker.HASH_PREFIX.length() + 32).doesNotContain("alice");
        assertThat(masker.maskText(PiiMode.HASH, "alice@example.com")).isEqualTo(hash);
        assertThat(masker.maskText(PiiMode.HASH, "bob@example.com")).isNotEqualTo(hash);
        assertThat(new Masker(new PrivacyProperties("another-key-of-32-characters-xx")).maskText(PiiMode.HASH,
                "alice@example.com")).isNotEqualTo(hash);
    }

    @Test
    void numbersHashByTheirValue() {
        Map<String, PiiMode> personal = Map.of("amount", PiiMode.HASH);
        Object a = masker.mask(event(row("amount", new BigDecimal("1.50"))), personal).after().get("amount");
        Object b = masker.mask(event(row("amount", new BigDecimal("1.5"))), personal).after().get("amount");

        assertThat(a).isEqualTo(b).isEqualTo(masker.maskText(PiiMode.HASH, "1.5"));
    }

    @Test
    void redactShowsOnlyTheMarker() {
        assertThat(masker.maskText(PiiMode.REDACT, "alice@example.com")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void partialKeepsAtMostFourCharactersAndAtMostAQuarter() {
        assertThat(masker.maskText(PiiMode.PARTIAL, "alice@example.com")).isEqualTo("***.com");
        assertThat(masker.maskText(PiiMode.PARTIAL, "12345678")).isEqualTo("***78");
        assertThat(masker.maskText(PiiMode.PARTIAL, "abc")).isEqualTo("***");
    }

    @Test
    void nullStaysNullSoThatNotNullViolationsStillRead() {
        assertThat(masker.maskText(PiiMode.HASH, null)).isNull();
    }

    @Test
    void dropRemovesTheColumnFromKeyAndBothImages() {
        Map<String, Object> row = row("email", "alice@example.com");
        ChangeEvent masked = masker.mask(new ChangeEvent("public.t", Op.UPDATE, row, row, row, Instant.EPOCH, Position.postgres(1L, 2L),
                Map.of()), Map.of("email", PiiMode.DROP));

        assertThat(masked.key()).containsOnlyKeys("id");
        assertThat(masked.before()).containsOnlyKeys("id");
        assertThat(masked.after()).containsOnlyKeys("id");
    }

    @Test
    void columnsNotDeclaredPersonalAreLeftAlone() {
        ChangeEvent masked = masker.mask(event(row("email", "alice@example.com")), Map.of("phone", PiiMode.HASH));

        assertThat(masked.after()).containsEntry("email", "alice@example.com").containsEntry("id", 7L);
    }

    @Test
    void scrubReplacesRawValuesQuotedInAMessage() {
        ChangeEvent event = event(row("email", "alice@example.com"));

        String scrubbed = masker.scrub("For input string: \"alice@example.com\"", event, Map.of("email", PiiMode.REDACT));

        assertThat(scrubbed).isEqualTo("For input string: \"[redacted]\"");
    }

    @Test
    void hashingWithoutAKeyIsRefused() {
        Masker keyless = new Masker(new PrivacyProperties(null));

        assertThatThrownBy(() -> keyless.maskText(PiiMode.HASH, "x")).hasMessageContaining("dq.privacy.hash-key");
    }

    @Test
    void aShortKeyIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new PrivacyProperties("short")).hasMessageContaining("dq.privacy.hash-key");
    }

    private static Map<String, Object> row(String column, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put(column, value);
        return row;
    }

    private static ChangeEvent event(Map<String, Object> after) {
        return new ChangeEvent("public.t", Op.CREATE, Map.of("id", 7L), null, after, Instant.EPOCH, Position.postgres(1L, 2L), Map.of());
    }

    @Test
    void personalCoversEveryPathBeneathAField() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("contact.email", "ann@example.com");
        after.put("contact", "whole");
        after.put("emails.0", "ben@example.com");
        after.put("contacts.email", "not beneath contact");

        ChangeEvent shown = masker.mask(new ChangeEvent("app.people", Op.UPDATE, null, null, after, Instant.EPOCH,
                Position.NONE, Map.of()), Map.of("contact", PiiMode.REDACT, "emails", PiiMode.REDACT));

        assertThat(shown.after()).containsEntry("contact.email", "[redacted]").containsEntry("contact", "[redacted]")
                .containsEntry("emails.0", "[redacted]").containsEntry("contacts.email", "not beneath contact");
    }

    @Test
    void aKeyThatIsNotARowIsMaskedWholeInATableWithPersonalColumns() {
        Map<String, Object> key = Map.of("key", new OpaqueKey("ann@example.com|1"));
        ChangeEvent event = new ChangeEvent("t", Op.CREATE, key, null, Map.of("n", 1), Instant.EPOCH,
                Position.NONE, Map.of());

        assertThat(masker.mask(event, Map.of("email", PiiMode.PARTIAL)).key().get("key").toString())
                .startsWith("hmac:");
        assertThat(new Masker(new PrivacyProperties(null)).mask(event, Map.of("email", PiiMode.PARTIAL)).key())
                .containsEntry("key", "[redacted]");
    }

    @Test
    void aKeyedDigestIsTheWholeHmacAndNeedsTheKey() {
        byte[] identity = "x".getBytes(StandardCharsets.UTF_8);

        assertThat(masker.keyedDigest(identity)).hasSize(64).isNotEqualTo(
                new Masker(new PrivacyProperties("another-key-of-32-characters-xx")).keyedDigest(identity));
        assertThatThrownBy(() -> new Masker(new PrivacyProperties(null)).keyedDigest(new byte[0]))
                .isInstanceOf(IllegalStateException.class);
    }
}
