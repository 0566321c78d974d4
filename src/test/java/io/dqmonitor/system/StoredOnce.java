package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

/** What the fault tests check after every fault: each row's stored effects are there, and there once. */
final class StoredOnce {

    private StoredOnce() {
    }

    /** Each row (e-mail {@code <prefix><i>@...}) once in {@code /api/changes}, and one history row per bad row. */
    static void assertEachRowStoredOnce(PipelineClient client, String prefix, List<Long> ids) throws Exception {
        String changes = client.get("/api/changes").body();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(changes.split(prefix + i + "@", -1)).as("row %d in /api/changes once", i).hasSize(2);
        }
        assertThat(historyRows(client, ids)).as("one history row per bad row, none twice").isEqualTo(ids.size());
    }

    static long historyRows(PipelineClient client, List<Long> ids) throws Exception {
        return client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE table_name = 'public.user_activities' "
                + "AND rule = 'range' AND "
                + "(row_key->>'id')::bigint IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                + ")");
    }
}
