package io.dqmonitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.stack.ActivityRow;
import io.dqmonitor.stack.ActivitySimulator;
import io.dqmonitor.stack.EmbeddedSchemaRegistry;
import io.dqmonitor.stack.EmbeddedStack;
import io.dqmonitor.stack.LocalUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./mvnw spring-boot:test-run}: the whole pipeline on this machine without Docker. Starts the embedded stack,
 * the activity simulator and dq-monitor against them, and prints where to look.
 *
 * <p>Options (pass with {@code -Dspring-boot.run.arguments="--sim.rate=20 --server.port=8081"}):
 * {@code --stack.dir}, {@code --stack.postgres-port}, {@code --stack.kafka-port}, {@code --stack.kafka-controller-port},
 * {@code --stack.connect-port}, {@code --stack.redis-port}, {@code --sim.rate} (rows/s), {@code --sim.bad-share},
 * {@code --sim.update-share}, {@code --sim.delete-share}, {@code --stack.mariadb=true} (MariaDB with its connector
 * too, and the simulator writing to both), {@code --stack.mariadb-port}, {@code --stack.format=avro} (the schema
 * registry, and dq-monitor reading a connector that writes Avro), {@code --stack.registry-port}; every other
 * argument goes to dq-monitor. {@code --sim.rate=0} turns the simulator off. The contracts of {@code contracts/} are
 * loaded unless {@code --dq.contracts.locations} says otherwise.
 */
public final class TestDqMonitorApplication {

    private TestDqMonitorApplication() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> appArgs = new ArrayList<>();
        for (String arg : args) {
            if ((arg.startsWith("--stack.") || arg.startsWith("--sim.")) && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                appArgs.add(arg);
            }
        }
        EmbeddedStack.StackPorts defaults = EmbeddedStack.StackPorts.defaults();
        EmbeddedStack.StackPorts ports = new EmbeddedStack.StackPorts(
                port(options, "stack.postgres-port", defaults.postgres()), port(options, "stack.kafka-port", defaults.kafka()),
                port(options, "stack.kafka-controller-port", defaults.kafkaController()),
                port(options, "stack.connect-port", defaults.connect()), port(options, "stack.redis-port", defaults.redis()));
        Path dir = Path.of(options.getOrDefault("stack.dir", "target/embedded-stack"));

        EmbeddedStack stack = EmbeddedStack.start(dir, ports, line -> System.out.println("[stack] " + line));
        ActivitySimulator simulator = new ActivitySimulator(stack.connect(), new ActivitySimulator.Settings(
                number(options, "sim.rate", 5), number(options, "sim.bad-share", 0.1),
                number(options, "sim.update-share", 0.2), number(options, "sim.delete-share", 0.05)),
                System.out::println);
        stack.springProperties().forEach((key, value) -> appArgs.add("--" + key + "=" + value));
        boolean withMariaDb = Boolean.parseBoolean(options.getOrDefault("stack.mariadb", "false"));
        ActivitySimulator mariaDbSimulator = null;
        if (withMariaDb) {
            stack.startMariaDb(port(options, "stack.mariadb-port", 3306));
            mariaDbSimulator = new ActivitySimulator(stack.connectMariaDb(), ActivityRow.Sql.MARIADB,
                    simulator.settings(), System.out::println);
            // the shipped MariaDB rules and its completeness database (mariadb/dq-monitor.yml)
            appArgs.add("--spring.config.additional-location=file:mariadb/dq-monitor.yml");
            appArgs.add("--DQ_MARIADB_URL=" + stack.mariaDbJdbcUrl());
            appArgs.add("--DQ_MARIADB_USER=root");
            appArgs.add("--DQ_MARIADB_PASSWORD=");
        }
        ActivitySimulator second = mariaDbSimulator;
        boolean avro = "avro".equals(options.getOrDefault("stack.format", "json"));
        if (!avro && !"json".equals(options.getOrDefault("stack.format", "json"))) {
            throw new IllegalArgumentException("--stack.format must be json or avro");
        }
        String topic = "monitoring_server.public.user_activities";
        if (avro) {
            // a second connector writes the same changes as Avro through the registry; dq-monitor reads only those
            EmbeddedSchemaRegistry registry = stack.startAvroConnector(port(options, "stack.registry-port", 8085), true);
            appArgs.add("--dq.cdc.topic-pattern=" + EmbeddedStack.AVRO_TOPIC_PREFIX + "\\..*");
            appArgs.add("--dq.registry.url=" + registry.confluentUrl());
            topic = EmbeddedStack.AVRO_TOPIC_PREFIX + ".public.user_activities (Avro, registry "
                    + registry.confluentUrl() + ")";
        }
        if (appArgs.stream().noneMatch(arg -> arg.startsWith("--dq.contracts.locations"))) {
            // the shipped data contract of the reference table (docs/contracts.md)
            appArgs.add("--dq.contracts.locations=file:contracts");
        }
        // the pipeline's own health: Connect's connector states (the slots are read from the datasource)
        appArgs.add("--dq.connect.urls=" + stack.connectUrl());
        LocalUsers users = LocalUsers.unlessGiven(appArgs);
        appArgs.addAll(users.arguments());
        ConfigurableApplicationContext app = SpringApplication.from(DqMonitorApplication::main)
                .run(appArgs.toArray(String[]::new)).getApplicationContext();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            try {
                simulator.close();
                if (second != null) {
                    second.close();
                }
            } catch (Exception ignored) {
                // the stack goes down next either way
            }
            stack.close();
        }, "local-run-shutdown"));
        simulator.start();
        if (second != null) {
            second.start();
        }
        String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port", "8080");
        System.out.printf("""

                dq-monitor is running against the embedded stack (Ctrl+C stops everything).
                  recent changes  %s/api/changes?limit=10
                  metrics         %s/actuator/prometheus
                  health          %s/actuator/health  (connect: the connectors' states)
                  pipeline        %s
                %s  PostgreSQL      %s (user postgres, any password)
                  Kafka           %s   topic %s
                  Kafka Connect   %s/connectors
                  Redis           127.0.0.1:%d   list recent_changes
                  simulator       %s rows/s, %s%% bad rows, into every database
                %s%n""", base, base, base, pipeline(app), users.describe(base), stack.jdbcUrl(), stack.bootstrapServers(), topic, stack.connectUrl(), stack.redisPort(),
                options.getOrDefault("sim.rate", "5"), Math.round(number(options, "sim.bad-share", 0.1) * 100),
                withMariaDb ? "  MariaDB         " + stack.mariaDbJdbcUrl() + " (user root, no password)\n"
                        + "                  topic monitoring_mariadb.monitoring.user_activities, rules in "
                        + "mariadb/dq-monitor.yml\n" : "");
    }

    /**
     * The state of the pipeline as dq-monitor sees it once it has looked: the slots and the connectors, from its own
     * metrics (the Pipeline dashboard's series).
     */
    private static String pipeline(ConfigurableApplicationContext app) {
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        Awaitility.await("the first look at the pipeline").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> !registry.find("cdc.connector.state").gauges().isEmpty()
                        && !registry.find("cdc.source.slot.active").gauges().isEmpty());
        StringBuilder state = new StringBuilder();
        registry.find("cdc.source.slot.active").gauges().forEach(g -> state.append("slot ")
                .append(g.getId().getTag("slot")).append(g.value() == 1 ? " active" : " INACTIVE").append(", "));
        registry.find("cdc.connector.state").gauges().stream().filter(g -> g.value() == 1)
                .forEach(g -> state.append("connector ").append(g.getId().getTag("connector")).append(' ')
                        .append(g.getId().getTag("state")).append(", "));
        return state.append("more at /actuator/prometheus (cdc_source_*, cdc_connector_*)").toString();
    }

    private static int port(Map<String, String> options, String key, int fallback) {
        return (int) number(options, key, fallback);
    }

    private static double number(Map<String, String> options, String key, double fallback) {
        String value = options.get(key);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number but is '" + value + "'");
        }
    }
}
