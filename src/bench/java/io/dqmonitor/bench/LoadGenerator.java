package io.dqmonitor.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.dqmonitor.stack.ActivityRow;
import io.dqmonitor.stack.EmbeddedStack;

/**
 * Writes to {@code public.user_activities} as fast as PostgreSQL takes it: {@code clients} threads, each on its own
 * connection, each statement its own transaction (like {@code pgbench -c 4} with single-row inserts). Besides inserts
 * (10% of them bad rows), 20% of the statements update a recent row and 5% delete one, as the simulator does.
 */
final class LoadGenerator implements AutoCloseable {

    static final double BAD_SHARE = 0.10;
    static final double UPDATE_SHARE = 0.20;
    static final double DELETE_SHARE = 0.05;

    private final EmbeddedStack stack;
    private final int clients;
    private final long recordLimit;
    private final double statementsPerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile SQLException failure;

    /**
     * @param recordLimit stop once the writes have caused this many Kafka records (a delete causes two: the delete
     *                    and its tombstone); {@code Long.MAX_VALUE} to write until {@link #close()}
     */
    LoadGenerator(EmbeddedStack stack, int clients, long recordLimit) {
        this(stack, clients, recordLimit, 0);
    }

    /** @param statementsPerSecond the rate of all clients together; 0 for as fast as PostgreSQL takes them */
    LoadGenerator(EmbeddedStack stack, int clients, long recordLimit, double statementsPerSecond) {
        this.stack = stack;
        this.clients = clients;
        this.recordLimit = recordLimit;
        this.statementsPerSecond = statementsPerSecond;
    }

    void start() {
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::write, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void write() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection db = stack.connect();
                PreparedStatement insert = db.prepareStatement(ActivityRow.INSERT);
                PreparedStatement update = db.prepareStatement(ActivityRow.UPDATE_RECENT);
                PreparedStatement delete = db.prepareStatement(ActivityRow.DELETE_RECENT)) {
            long interval = statementsPerSecond > 0 ? (long) (1e9 * clients / statementsPerSecond) : 0;
            long next = System.nanoTime();
            while (running.get() && records.get() < recordLimit) {
                if (interval > 0) {
                    next += interval;
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                }
                double dice = random.nextDouble();
                if (dice < DELETE_SHARE) {
                    delete.setLong(1, 20 + random.nextInt(20));
                    records.addAndGet(2L * delete.executeUpdate());
                } else if (dice < DELETE_SHARE + UPDATE_SHARE) {
                    update.setString(1, "user" + random.nextInt(1000) + "@example.com");
                    update.setLong(2, random.nextInt(20));
                    records.addAndGet(update.executeUpdate());
                } else {
                    ActivityRow.random(random, random.nextDouble() < BAD_SHARE).bind(insert);
                    records.addAndGet(insert.executeUpdate());
                }
                statements.incrementAndGet();
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    /** Statements committed so far. */
    long statements() {
        return statements.get();
    }

    /** Kafka records the committed statements cause (change events and tombstones). */
    long records() {
        return records.get();
    }

    /** Waits for a record limit to be reached; rethrows what stopped a writer. */
    void join() throws InterruptedException, SQLException {
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        running.set(false);
        join();
    }
}
