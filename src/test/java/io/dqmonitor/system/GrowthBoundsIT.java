package io.dqmonitor.system;

import static io.dqmonitor.pipeline.SyntheticTopic.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.dqmonitor.pipeline.SyntheticTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Names and growth from the data, bounded on the real stack (docs/reliability.md): made-up table names on one topic
 * beyond {@code dq.tables.max-tracked} keep no state and are counted; one record of 50,000 new columns writes at most
 * {@code dq.schema.max-changes-per-minute} schema-change rows, the rest counted. The good record after each is counted
 * once and readiness stays UP.
 */
@TestPropertySource(properties = {"dq.tables.max-tracked=2", "dq.tables.public.corpus_wide.columns.id.not-null=true"})
class GrowthBoundsIT extends StackIntegrationTest {

    private static final SyntheticTopic TOPIC = new SyntheticTopic(STACK.bootstrapServers(),
            "monitoring_server.corpus.growth");
    private static final String UNTRACKED = "cdc_records_skipped_total{reason=\"untracked_table\"}";

    private PrometheusScrape before;

    @BeforeAll
    static void createTheTopic() throws Exception {
        TOPIC.create();
    }

    @BeforeEach
    void settle() throws Exception {
        before = client.awaitProcessed();
    }

    @Test
    void madeUpTableNamesBeyondTheTrackedOnesKeepNoStateAndAreCounted() throws Exception {
        String prefix = "made_up_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(utf8("{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"" + prefix + i
                    + "\",\"ts_ms\":1700000000000},\"after\":{\"id\":" + i + "}}"));
        }
        TOPIC.send(records.toArray(byte[][]::new));

        client.awaitGrowth(before, UNTRACKED, 4);
        PrometheusScrape after = client.awaitProcessed();
        List<String> reported = new ArrayList<>();
        for (JsonNode table : client.getJson("/api/quality")) {
            reported.add(table.path("table").asString());
        }
        long tracked = reported.stream().filter(name -> name.startsWith("corpus." + prefix)).count();
        // the bound may be taken already by tables of the stack seen first; the rest of the six are skipped
        assertThat(tracked).isLessThanOrEqualTo(2);
        assertThat(after.value(UNTRACKED) - before.value(UNTRACKED)).isEqualTo(6 - tracked);
        assertThat(reported.stream().filter(name -> !name.equals("public.user_activities")
                && !name.equals("public.corpus_wide"))).hasSizeLessThanOrEqualTo(2);
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void aRecordOfFiftyThousandNewColumnsWritesTheMinutesBudgetOfRows() throws Exception {
        int id = (int) (System.nanoTime() & 0xfffffff);
        String columns = IntStream.range(0, 50_000).mapToObj(i -> "\"c" + id + "_" + i + "\":" + i)
                .collect(Collectors.joining(","));
        TOPIC.send(wide(id, ""), wide(id + 1, "," + columns));

        String dropped = "dq_schema_changes_dropped_total{table=\"public.corpus_wide\"}";
        PrometheusScrape after = client.awaitGrowth(before, dropped, 1);
        after = client.awaitProcessed();
        long rows = client.queryLong("SELECT count(*) FROM dq_monitor.schema_changes WHERE table_name = "
                + "'public.corpus_wide' AND column_name LIKE 'c" + id + "\\_%'");
        assertThat(rows).isLessThanOrEqualTo(100).isPositive();
        assertThat(after.value(dropped) - before.value(dropped)).isEqualTo(50_000 - rows);
        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static byte[] wide(int id, String moreColumns) {
        return utf8("{\"op\":\"c\",\"source\":{\"schema\":\"public\",\"table\":\"corpus_wide\"},\"after\":{\"id\":" + id
                + moreColumns + "}}");
    }
}
