package io.dqmonitor.partitions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The compare-and-set that keeps partition state counted once across a consumer group. A state is inserted when it
 * was never stored, and otherwise updated only where its stored {@code next_offset} is still the one it was read with:
 * an instance that lost the partition meanwhile, and counted from an older version, stores nothing and learns so by a
 * {@link MovedOnException}.
 * <p>
 * The table is its owner's; it is keyed by {@code (consumer_group, topic, partition, table_name)} and has
 * {@code next_offset} and {@code updated_at} columns besides the state's own.
 */
public final class OffsetFence {

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final String what;
    private final String group;
    private final String insert;
    private final String update;

    /**
     * @param what    what the state is, for the {@link MovedOnException}'s message
     * @param table   the owner's table
     * @param columns the state's own columns in the order of {@link #store}'s values, each with the cast of its
     *                parameter where it needs one ({@code "checks::jsonb"})
     */
    public OffsetFence(JdbcTemplate jdbc, TransactionOperations transactions, String what, String group, String table,
            List<String> columns) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.what = what;
        this.group = group;
        List<String> names = columns.stream().map(OffsetFence::name).toList();
        List<String> parameters = columns.stream().map(c -> "?" + c.substring(name(c).length())).toList();
        this.insert = "INSERT INTO " + table + " (consumer_group, topic, partition, table_name, next_offset, "
                + String.join(", ", names) + ") VALUES (?, ?, ?, ?, ?, " + String.join(", ", parameters)
                + ") ON CONFLICT DO NOTHING";
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            sets.add(names.get(i) + " = " + parameters.get(i));
        }
        this.update = "UPDATE " + table + " SET next_offset = ?, " + String.join(", ", sets)
                + ", updated_at = now() WHERE consumer_group = ? AND topic = ? AND partition = ? AND table_name = ?"
                + " AND next_offset = ?";
    }

    /**
     * Stores the states together, each by {@code store} (which calls {@link #store} and writes what else goes with
     * it), and marks them stored once all are.
     *
     * @throws MovedOnException when another instance stored one of them since: its batch must be counted again
     */
    public <S extends PartitionState> void storeAll(Collection<S> states, Consumer<S> store) {
        transactions.executeWithoutResult(status -> states.forEach(store));
        states.forEach(PartitionState::stored);
    }

    /**
     * Stores the state's columns with its next offset, over the version it was read as; call within the batch's
     * transaction.
     *
     * @throws MovedOnException when another instance stored the partition's state since
     */
    public void store(PartitionState state, Object... values) {
        PartitionKey key = state.key();
        List<Object> arguments = new ArrayList<>();
        int stored;
        if (state.storedOffset() < 0) {
            arguments.addAll(List.of(group, key.topic(), key.partition(), key.table(), state.nextOffset()));
            arguments.addAll(List.of(values));
            stored = jdbc.update(insert, arguments.toArray());
        } else {
            arguments.add(state.nextOffset());
            arguments.addAll(List.of(values));
            arguments.addAll(List.of(group, key.topic(), key.partition(), key.table(), state.storedOffset()));
            stored = jdbc.update(update, arguments.toArray());
        }
        if (stored != 1) {
            throw new MovedOnException(what, key);
        }
    }

    private static String name(String column) {
        int cast = column.indexOf("::");
        return cast < 0 ? column : column.substring(0, cast);
    }
}
