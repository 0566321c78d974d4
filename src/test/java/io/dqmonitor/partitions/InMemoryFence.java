package io.dqmonitor.partitions;

import java.util.Collection;
import java.util.Map;

/** The in-memory stores' {@link OffsetFence}: the same rule, over a map of the states as stored. */
public final class InMemoryFence {

    private InMemoryFence() {
    }

    /** Throws, before anything is stored, when one of the states was stored by another instance since it was read. */
    public static <S extends PartitionState> void check(String what, Map<PartitionKey, S> stored, Collection<S> saving) {
        for (S state : saving) {
            S current = stored.get(state.key());
            // as the real one: a first save inserts, a later one updates over the offset it was read at
            if (state.storedOffset() < 0 ? current != null
                    : current == null || current.nextOffset() != state.storedOffset()) {
                throw new MovedOnException(what, state.key());
            }
        }
    }
}
