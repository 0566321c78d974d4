package io.dqmonitor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml's health checks say healthy only when a service can do its work, so that what depends on it
 * starts in time and not before; and its images go together. (No Docker engine runs here to bring it up.)
 */
class ComposeHealthChecksTest {

    /** The Kafka each Debezium connect image runs (its container-images repository, kafka/&lt;minor&gt;/Dockerfile). */
    private static final Map<String, String> CONNECT_KAFKA = Map.of("3.7", "4.3.0");

    private static final Map<String, Object> COMPOSE = AlertRules.load(Path.of("docker-compose.yml"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return ((Map<String, Map<String, Object>>) COMPOSE.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> healthcheck(String service) {
        return (Map<String, Object>) service(service).get("healthcheck");
    }

    @SuppressWarnings("unchecked")
    private static String test(String service) {
        return String.join(" ", (List<String>) healthcheck(service).get("test"));
    }

    @Test
    void connectIsHealthyWhenItsWorkerSaysSo() {
        assertThat(test("connect")).contains("http://localhost:8083/health").doesNotContain("/connectors");
    }

    @Test
    void servicesOnAJvmHaveTimeToStartBeforeTheirChecksCount() {
        for (String jvm : List.of("kafka", "connect", "dq-monitor")) {
            assertThat(healthcheck(jvm)).as(jvm).containsKey("start_period");
        }
    }

    @Test
    void postgresIsReadyOnlyWhenItAnswersOverTcp() {
        // the image's init scripts run against a server listening on the socket only
        assertThat(test("postgres")).contains("pg_isready").contains("-h 127.0.0.1");
    }

    @Test
    void mongodbIsHealthyOnlyOncePrimaryByItsExitCode() {
        String check = test("mongodb");
        assertThat(check).contains("myState === 1").contains("rs.initiate(").contains("quit(primary ? 0 : 1)");
    }

    @Test
    void theBrokerRunsTheKafkaConnectsImageIsBuiltOn() throws Exception {
        String connect = (String) service("connect").get("image");
        String debezium = connect.substring(connect.lastIndexOf(':') + 1);
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<debezium.version>" + debezium + "</debezium.version>");
        String minor = debezium.substring(0, debezium.indexOf('.', debezium.indexOf('.') + 1));
        assertThat(CONNECT_KAFKA).containsKey(minor);
        assertThat((String) service("kafka").get("image")).isEqualTo("apache/kafka:" + CONNECT_KAFKA.get(minor));
    }

    @Test
    void grafanaIsOfThisYearsTwelve() {
        String grafana = (String) service("grafana").get("image");
        String[] version = grafana.substring(grafana.lastIndexOf(':') + 1).split("\\.");
        assertThat(Integer.parseInt(version[0])).isEqualTo(12);
        assertThat(Integer.parseInt(version[1])).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theReadmeSaysWhichComposeItNeeds() throws Exception {
        // configs.content (the Prometheus scrape password) came with Compose 2.23.1
        assertThat(COMPOSE).containsKey("configs");
        assertThat(Files.readString(Path.of("README.md"))).contains("Compose 2.23.1");
    }
}
