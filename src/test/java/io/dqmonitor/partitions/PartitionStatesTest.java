package io.dqmonitor.partitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionStatesTest {

    private static final PartitionKey ZERO = new PartitionKey("topic", 0, "public.t");
    private static final PartitionKey ONE = new PartitionKey("topic", 1, "public.t");

    /** A state that counts nothing but its offsets. */
    private static final class Count extends PartitionState {

        Count(PartitionKey key, long stored, long next) {
            super(key, stored, next);
        }

        void count(long offset) {
            claim(offset);
        }
    }

    private final Map<PartitionKey, Long> store = new HashMap<>();
    private int loads;
    private final PartitionStates<Count> states = new PartitionStates<>(key -> {
        loads++;
        return Optional.ofNullable(store.get(key)).map(next -> new Count(key, next, next));
    }, key -> new Count(key, -1, 0));

    @Test
    void aStateIsReadOnceAndThenServedFromMemory() {
        store.put(ZERO, 7L);
        states.batch(() -> assertThat(states.get(ZERO).nextOffset()).isEqualTo(7));
        states.batch(() -> states.get(ZERO).count(8));
        states.batch(() -> assertThat(states.get(ZERO).nextOffset()).isEqualTo(9));
        assertThat(loads).isEqualTo(1);
    }

    @Test
    void aPartitionNeverStoredStartsEmpty() {
        states.batch(() -> assertThat(states.get(ONE).storedOffset()).isEqualTo(-1));
    }

    @Test
    void aFailedBatchForgetsWhatItCountedAndReadsTheStoredVersionAgain() {
        store.put(ZERO, 7L);
        store.put(ONE, 3L);
        states.batch(() -> states.get(ONE).count(3));
        assertThatThrownBy(() -> states.batch(() -> {
            states.get(ZERO).count(7);
            throw new StackOverflowError("deep");
        })).isInstanceOf(StackOverflowError.class);
        states.batch(() -> {
            assertThat(states.get(ZERO).nextOffset()).isEqualTo(7);
            assertThat(states.get(ONE).nextOffset()).as("untouched by the failed batch").isEqualTo(4);
        });
    }

    @Test
    void partitionsThatMovedAreReadAgainAndOthersAreKept() {
        states.batch(() -> {
            states.get(ZERO).count(4);
            states.get(ONE).count(5);
        });
        states.release(new PartitionsMoved(List.of(new TopicPartition("topic", 0))));
        states.batch(() -> {
            assertThat(states.get(ZERO).nextOffset()).isZero();
            assertThat(states.get(ONE).nextOffset()).isEqualTo(6);
        });
    }
}
