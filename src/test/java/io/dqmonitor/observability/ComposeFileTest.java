package io.dqmonitor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dqmonitor.system.PipelineClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml is consistent with the rest of the repository: the names, ports and files it refers to are the
 * ones the service, the connector config, Prometheus and Grafana use. (No Docker engine runs here to bring it up.)
 */
class ComposeFileTest {

    private static final Map<String, Object> COMPOSE = AlertRules.load(Path.of("docker-compose.yml"));

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) COMPOSE.get("services");
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    private static Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return services().get(name);
    }

    /** Services that run once and exit: connector registration and database set-up. */
    private static boolean isOneShot(String service) {
        return service.startsWith("connect-init") || service.endsWith("-init");
    }

    @Test
    void theOtherSourcesAreProfilesWithTheirConnectorAndSimulator() {
        for (String profile : List.of("mariadb", "mongodb")) {
            for (String name : List.of(profile, "connect-init-" + profile, "simulator-" + profile)) {
                assertThat((List<String>) at(service(name), "profiles")).as(name).containsExactly(profile);
            }
            assertThat((List<String>) at(service("connect-init-" + profile), "entrypoint"))
                    .contains("user-activities-" + profile + ".json");
        }
        assertThat((String) at(service("dq-monitor"), "environment", "SPRING_PROFILES_ACTIVE"))
                .isEqualTo("${COMPOSE_PROFILES:-}");
    }

    @Test
    void everyPartOfTheStackIsAService() {
        assertThat(services()).containsKeys("postgres", "kafka", "connect", "connect-init", "redis", "dq-monitor",
                "simulator", "prometheus", "alertmanager", "grafana");
    }

    @Test
    void everyLongRunningServiceHasAHealthCheck() {
        services().forEach((name, service) -> {
            if (!isOneShot(name) && !name.startsWith("simulator")) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
    }

    @Test
    void dependenciesNameServicesAndWaitForTheirHealth() {
        services().forEach((name, service) -> {
            Map<String, Map<String, String>> dependsOn = at(service, "depends_on");
            if (dependsOn != null) {
                dependsOn.forEach((dependency, condition) -> {
                    assertThat(services()).as(name + " depends on " + dependency).containsKey(dependency);
                    String expected = isOneShot(dependency) ? "service_completed_successfully" : "service_healthy";
                    assertThat(condition.get("condition")).as(name + " -> " + dependency).isEqualTo(expected);
                });
            }
        });
    }

    @Test
    void grafanaPrometheusAndTheApiArePublished() {
        assertThat((List<String>) at(service("grafana"), "ports")).contains("3000:3000");
        assertThat((List<String>) at(service("prometheus"), "ports")).contains("9090:9090");
        // a range: with --scale dq-monitor=N each instance takes the next free host port, and none clashes
        assertThat((List<String>) at(service("dq-monitor"), "ports")).containsExactly("8080-8089:8080");
    }

    @Test
    void everyMountedFileIsInTheRepository() {
        services().forEach((name, service) -> {
            List<String> volumes = at(service, "volumes");
            if (volumes != null) {
                volumes.stream().filter(v -> v.startsWith("./")).map(v -> Path.of(v.substring(0, v.indexOf(':'))))
                        .forEach(source -> assertThat(source).as(name).exists());
            }
        });
    }

    @Test
    void theMonitorIsBuiltFromThisRepositoryAndPointedAtTheServices() {
        Map<String, Object> monitor = service("dq-monitor");
        assertThat((String) at(monitor, "build")).isEqualTo(".");
        assertThat(Path.of("Dockerfile")).exists();
        Map<String, String> env = at(monitor, "environment");
        assertThat(env).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SPRING_DATA_REDIS_HOST", "redis")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database());
    }

    @Test
    void theConnectorConfigPointsAtTheComposeDatabase() throws Exception {
        JsonNode config = PipelineClient.JSON.readTree(Files.readString(Path.of("debezium", "user-activities.json")))
                .path("config");
        assertThat(config.path("database.hostname").asString()).isEqualTo("postgres");
        assertThat(config.path("database.dbname").asString()).isEqualTo(database());
        assertThat((List<String>) at(service("connect-init"), "volumes")).contains("./debezium:/debezium:ro");
    }

    @Test
    void postgresRunsWithLogicalDecodingAndTheInitScripts() {
        assertThat((List<String>) at(service("postgres"), "command")).contains("wal_level=logical");
        assertThat((List<String>) at(service("postgres"), "volumes")).contains("./postgres/init:/docker-entrypoint-initdb.d:ro");
    }

    @Test
    void prometheusScrapesTheMonitorServiceAndSendsToAlertmanager() throws Exception {
        String config = Files.readString(Path.of("prometheus", "prometheus.yml"));
        assertThat(config).contains("/actuator/prometheus").contains("'alertmanager:9093'");
        assertThat((List<String>) at(service("prometheus"), "volumes"))
                .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", "./alerts:/etc/prometheus/alerts:ro");
        assertThat(config).contains("/etc/prometheus/alerts/*.rules.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusFindsEveryInstanceOfTheServiceByDns() {
        Map<String, Object> scrape = ((List<Map<String, Object>>) AlertRules.load(Path.of("prometheus", "prometheus.yml"))
                .get("scrape_configs")).get(0);
        assertThat(scrape).doesNotContainKey("static_configs");
        assertThat((List<Map<String, Object>>) scrape.get("dns_sd_configs")).containsExactly(Map.of(
                "names", List.of("dq-monitor"), "type", "A", "port", 8080, "refresh_interval", "15s"));
        assertThat(service("dq-monitor")).doesNotContainKey("container_name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesAsTheMetricsUserWithThePasswordTheMonitorHas() {
        Map<String, Object> scrape = ((List<Map<String, Object>>) AlertRules.load(Path.of("prometheus", "prometheus.yml"))
                .get("scrape_configs")).get(0);
        Map<String, String> auth = (Map<String, String>) scrape.get("basic_auth");
        Map<String, String> env = at(service("dq-monitor"), "environment");
        String user = auth.get("username").toUpperCase(Locale.ROOT);

        assertThat(env).containsEntry("DQ_SECURITY_USERS_" + user + "_ROLES", "metrics");
        assertThat(env.get("DQ_SECURITY_USERS_" + user + "_PASSWORD")).startsWith("{noop}${DQ_METRICS_PASSWORD:?");
        List<Map<String, String>> configs = at(service("prometheus"), "configs");
        assertThat(configs).containsExactly(Map.of("source", "dq_metrics_password", "target", auth.get("password_file")));
        Map<String, Map<String, String>> topLevel = at(COMPOSE, "configs");
        assertThat(topLevel.get("dq_metrics_password").get("content")).startsWith("${DQ_METRICS_PASSWORD:?");
    }

    @Test
    void composeRefusesToStartWithoutRealSecrets() throws Exception {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        for (String secret : List.of("DQ_VIEWER_PASSWORD", "DQ_OPERATOR_PASSWORD", "DQ_METRICS_PASSWORD",
                "DQ_PRIVACY_HASH_KEY", "GRAFANA_ADMIN_PASSWORD")) {
            assertThat(compose).contains("${" + secret + ":?").doesNotContain("${" + secret + ":-")
                    .doesNotContain("${" + secret + "-").doesNotContain("${" + secret + "}");
        }
        assertThat(compose).doesNotContain("change-me").doesNotContain("demo-hash-key");
    }

    @Test
    void grafanaLoadsTheProvisioningAndTheDashboardsWhereTheProviderLooks() {
        List<Map<String, Object>> providers = at(AlertRules.load(
                Path.of("grafana", "provisioning", "dashboards", "dashboards.yml")), "providers");
        String path = at(providers.get(0), "options", "path");
        assertThat((List<String>) at(service("grafana"), "volumes"))
                .contains("./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:" + path + ":ro");
    }

    @Test
    void grafanaDatasourcesPointAtTheComposeServices() throws Exception {
        String datasources = Files.readString(Path.of("grafana", "provisioning", "datasources", "datasources.yml"));
        assertThat(datasources).contains("url: http://prometheus:9090").contains("url: postgres:5432")
                .contains("database: " + database());
    }

    private static String database() {
        return at(service("postgres"), "environment", "POSTGRES_DB");
    }
}
