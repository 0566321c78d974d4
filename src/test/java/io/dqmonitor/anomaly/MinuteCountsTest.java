package io.dqmonitor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.Op;
import io.dqmonitor.cdc.Position;
import org.junit.jupiter.api.Test;

/** What a minute pools: a mean takes finite numbers only, so no infinity reaches a detector. */
class MinuteCountsTest {

    @Test
    void aNumberBeyondADoublesRangeIsNotPooledInTheMean() {
        MinuteCounts counts = MinuteCounts.empty();

        for (Object amount : List.of(new BigDecimal("1e400"), Double.POSITIVE_INFINITY, Double.NaN, 2.0,
                new BigDecimal("4"))) {
            Map<String, Object> row = new HashMap<>();
            row.put("amount", amount);
            counts.add(new ChangeEvent("public.t", Op.CREATE, null, null, row, Instant.EPOCH, new Position.Unknown(),
                    Map.of()), false, Set.of("mean"), List.of("amount"));
        }

        assertThat(counts.pools().get(Signal.meanName("amount"))).containsExactly(6.0, 2.0);
    }
}
