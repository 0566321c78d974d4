package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SourcePositionTest {

    private static final Instant COMMITTED = Instant.ofEpochMilli(1_765_000_000_123L);

    @Test
    void theIdIsTheHashItHasAlwaysBeenSoThatStoredHistoryStillMatches() {
        // sha256("public.user_activities|update|26648264|1696|1765000000123|{\"id\":42}")
        assertThat(SourcePosition.of(update(42)).id())
                .isEqualTo("8c0b907aac356255f961b60fdc7c2d8cb8ed269e5abc28da92d8964e94c38f97");
        // sha256("public.events|delete|null|null|null|"): no position, no time, no key
        assertThat(SourcePosition.of(new ChangeEvent("public.events", Op.DELETE, null, null, null, null,
                Position.NONE, Map.of())).id())
                .isEqualTo("458978ae002d5b6a56f7d7de10ba0fef749e93672867f1c6ee99539c16cf7a08");
    }

    @Test
    void nothingIsHashedOrWrittenUntilAskedAndThenOnlyOnce() {
        AtomicInteger digests = new AtomicInteger();
        SourcePosition position = SourcePosition.of(update(42), bytes -> "digest-" + digests.incrementAndGet());

        position.fingerprint();
        assertThat(digests).hasValue(0);
        assertThat(position.id()).isEqualTo("digest-1");
        assertThat(position.id()).isEqualTo("digest-1");
        assertThat(position.rowKey()).isEqualTo("{\"id\":42}");
    }

    @Test
    void aMaskedRowKeyIsShownWhileTheIdStaysTheRawChanges() {
        SourcePosition raw = SourcePosition.of(update(42));
        SourcePosition masked = raw.withRowKey(Map.of("id", "***"));

        assertThat(masked.rowKey()).isEqualTo("{\"id\":\"***\"}");
        assertThat(masked.id()).isEqualTo(raw.id());
        assertThat(raw.withRowKey(null).rowKey()).isNull();
        assertThat(raw.withRowKey(null).id()).isEqualTo(raw.id());
    }

    @Test
    void aKeylessChangeHasNoRowKey() {
        assertThat(SourcePosition.of(new ChangeEvent("public.t", Op.CREATE, null, null, Map.of("x", 1), COMMITTED,
                Position.postgres(1L, 2L), Map.of())).rowKey()).isNull();
    }

    @Test
    void theFingerprintIsTheSameForEveryDeliveryAndTellsChangesApart() {
        assertThat(SourcePosition.of(update(42)).fingerprint()).isEqualTo(SourcePosition.of(update(42)).fingerprint());

        Set<Long> fingerprints = new HashSet<>();
        for (long lsn = 0; lsn < 2_000; lsn++) {
            for (int row = 0; row < 5; row++) {
                fingerprints.add(SourcePosition.of(new ChangeEvent("public.t", Op.READ, Map.of("id", row), null,
                        Map.of(), COMMITTED, Position.postgres(lsn, lsn / 3), Map.of())).fingerprint());
            }
        }
        assertThat(fingerprints).hasSize(10_000);
    }

    private static ChangeEvent update(long id) {
        return new ChangeEvent("public.user_activities", Op.UPDATE, Map.of("id", id), Map.of("id", id),
                Map.of("id", id), COMMITTED, Position.postgres(26_648_264L, 1_696L), Map.of());
    }
}
