package io.dqmonitor.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The violation history in memory, for unit tests of what writes it; a failure can be planted. */
public final class InMemoryViolationLog extends ViolationLog {

    public final List<Entry> stored = new ArrayList<>();
    private Consumer<List<Entry>> failure = entries -> { };

    public InMemoryViolationLog() {
        super(null, null, null);
    }

    /** Every later store runs {@code check} first, which may throw as the database would. */
    public void failWith(Consumer<List<Entry>> check) {
        this.failure = check;
    }

    @Override
    public void store(List<Entry> entries) {
        failure.accept(entries);
        stored.addAll(entries);
    }
}
