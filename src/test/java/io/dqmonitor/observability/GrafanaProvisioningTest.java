package io.dqmonitor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Datasources with fixed uids, dashboards that refer only to them, and documentation for every panel. */
class GrafanaProvisioningTest {

    private static final Path DATASOURCES = Path.of("grafana", "provisioning", "datasources", "datasources.yml");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> datasources() {
        return (List<Map<String, Object>>) AlertRules.load(DATASOURCES).get("datasources");
    }

    static Map<String, String> provisionedDatasources() {
        return datasources().stream().collect(Collectors.toMap(d -> (String) d.get("uid"), d -> (String) d.get("type")));
    }

    @Test
    void thePrometheusAndPostgresDatasourcesHaveFixedUids() {
        assertThat(provisionedDatasources()).containsEntry("dq-prometheus", Dashboards.PROMETHEUS)
                .containsEntry("dq-postgres", Dashboards.POSTGRES).hasSize(2);
    }

    @Test
    void thePostgresDatasourceUsesTheReadOnlyRole() throws Exception {
        Map<String, Object> postgres = datasources().stream().filter(d -> "dq-postgres".equals(d.get("uid")))
                .findFirst().orElseThrow();
        assertThat(postgres).containsEntry("user", "grafana_reader");
        assertThat(Files.readString(Path.of("postgres", "init", "02-grafana-reader.sql")))
                .contains("CREATE ROLE grafana_reader LOGIN").contains("default_transaction_read_only = on");
    }

    @Test
    void dashboardUidsAndTitlesAreUnique() {
        List<JsonNode> dashboards = Dashboards.all();
        assertThat(dashboards).extracting(d -> d.path("uid").asString()).doesNotHaveDuplicates()
                .allMatch(uid -> uid.matches("[a-zA-Z0-9_-]{1,40}"));
        assertThat(dashboards).extracting(d -> d.path("title").asString()).doesNotHaveDuplicates()
                .contains("Data Quality Overview", "History");
    }

    @Test
    void everyDatasourceReferenceIsAProvisionedUid() {
        Map<String, String> provisioned = provisionedDatasources();
        List<JsonNode> references = new ArrayList<>();
        for (JsonNode dashboard : Dashboards.all()) {
            dashboard.path("templating").path("list").forEach(v -> references.add(v.path("datasource")));
            for (JsonNode panel : Dashboards.panels(dashboard)) {
                references.add(panel.path("datasource"));
                panel.path("targets").forEach(t -> references.add(t.path("datasource")));
            }
        }
        assertThat(references).isNotEmpty().allSatisfy(ref -> {
            assertThat(provisioned).as(ref.toString()).containsKey(ref.path("uid").asString());
            assertThat(ref.path("type").asString()).as(ref.toString()).isEqualTo(provisioned.get(ref.path("uid").asString()));
        });
    }

    @Test
    void dashboardsHaveNoImportPlaceholders() throws Exception {
        for (Path file : Dashboards.files()) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${DS_").doesNotContain("__inputs");
        }
    }

    @Test
    void everyDashboardHasATableVariable() {
        assertThat(Dashboards.all()).allSatisfy(d -> assertThat(d.path("templating").path("list").findValuesAsString("name"))
                .as(d.path("title").asString()).contains("table"));
    }

    @Test
    void everyPanelHasATitleADescriptionAndAQuery() {
        assertThat(Dashboards.all().stream().flatMap(d -> Dashboards.panels(d).stream())).allSatisfy(panel -> {
            assertThat(panel.path("title").asString()).isNotBlank();
            assertThat(panel.path("description").asString()).as(panel.path("title").asString()).isNotBlank();
            assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
        });
    }

    @Test
    void panelIdsAreUniqueWithinEachDashboard() {
        assertThat(Dashboards.all()).allSatisfy(d -> assertThat(Dashboards.panels(d))
                .extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates());
    }

    @Test
    void docsDescribeEveryPanel() throws Exception {
        String docs = Files.readString(Path.of("docs", "dashboards.md"));
        assertThat(Dashboards.all().stream().flatMap(d -> Dashboards.panels(d).stream())
                .map(p -> p.path("title").asString())).allSatisfy(title -> assertThat(docs).contains("**" + title + "**"));
    }
}
