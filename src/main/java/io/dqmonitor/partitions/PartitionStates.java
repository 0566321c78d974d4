package io.dqmonitor.partitions;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The partition states one instance holds between batches: read from the store when first needed, kept while the
 * partition stays here, and forgotten when it may have moved on elsewhere (a rebalance, {@link PartitionsMoved}) or
 * when a batch that counted into them failed before they were stored (the batch comes again, and counts from the
 * stored version).
 *
 * @param <S> the feature's state
 */
public final class PartitionStates<S extends PartitionState> {

    private final Function<PartitionKey, Optional<S>> load;
    private final Function<PartitionKey, S> empty;
    private final Map<PartitionKey, S> cached = new HashMap<>();
    private final Set<PartitionKey> touched = new HashSet<>();

    /**
     * @param load  reads a state from the store, empty when it was never stored
     * @param empty a state never stored
     */
    public PartitionStates(Function<PartitionKey, Optional<S>> load, Function<PartitionKey, S> empty) {
        this.load = load;
        this.empty = empty;
    }

    /**
     * Runs one batch's counting and storing. When it throws, whatever it counted is forgotten: in memory it may be
     * ahead of the store.
     */
    public synchronized void batch(Runnable work) {
        touched.clear();
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            cached.keySet().removeAll(touched);
            throw e;
        } finally {
            touched.clear();
        }
    }

    /** The key's state, as cached or else as stored; to be used within {@link #batch}. */
    public synchronized S get(PartitionKey key) {
        touched.add(key);
        return cached.computeIfAbsent(key, k -> load.apply(k).orElseGet(() -> empty.apply(k)));
    }

    /** Forgets the partitions' states: while another instance reads them, the stored ones move on. */
    public synchronized void release(PartitionsMoved moved) {
        cached.keySet().removeIf(key -> moved.partitions().contains(key.topicPartition()));
    }
}
