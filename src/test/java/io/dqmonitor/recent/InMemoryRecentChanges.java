package io.dqmonitor.recent;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** The recent-changes list in memory, for unit tests of what writes it; it can be made to fail like Redis down. */
public final class InMemoryRecentChanges extends RecentChangesStore {

    public final List<RecentChange> appended = new ArrayList<>();
    public RuntimeException failure;

    public InMemoryRecentChanges() {
        super(null, new RecentProperties("recent_changes", 100, 1000), JsonMapper.builder().build());
    }

    @Override
    public void append(List<RecentChange> oldestFirst) {
        if (failure != null) {
            throw failure;
        }
        appended.addAll(oldestFirst);
    }
}
