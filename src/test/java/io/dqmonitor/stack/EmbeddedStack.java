package io.dqmonitor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Exit;
import org.awaitility.Awaitility;

/**
 * The whole pipeline dq-monitor watches, started on this machine with no Docker: PostgreSQL with logical decoding,
 * a KRaft Kafka broker, a Kafka Connect worker running the Debezium connector from {@code debezium/}, and Redis.
 * The local run and the integration tests both use it.
 */
public final class EmbeddedStack implements AutoCloseable {

    public static final String DATABASE = "monitoring";
    public static final Path CONNECTOR_FILE = Path.of("debezium", "user-activities.json");
    public static final Path INIT_SCRIPTS = Path.of("postgres", "init");
    public static final Path MARIADB_CONNECTOR_FILE = Path.of("debezium", "user-activities-mariadb.json");
    public static final Path MARIADB_INIT_SCRIPTS = Path.of("mariadb", "init");
    /** The MariaDB database of the reference table: dq-monitor names it {@code monitoring.user_activities}. */
    public static final String MARIADB_DATABASE = "monitoring";
    /** The topic prefix of the connector that writes Avro ({@link #startAvroConnector}). */
    public static final String AVRO_TOPIC_PREFIX = "monitoring_avro";
    public static final Path AVRO_CONNECTOR_FILE = Path.of("debezium", "user-activities-avro.json");

    /** The ports of the stack's servers. */
    public record StackPorts(int postgres, int kafka, int kafkaController, int connect, int redis) {

        public static StackPorts defaults() {
            return new StackPorts(5432, 9092, 9093, 8083, 6379);
        }

        /** Five free ports, all different: the kernel may hand out a port it just handed out again. */
        public static StackPorts random() {
            java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
            while (ports.size() < 5) {
                ports.add(Ports.free());
            }
            Integer[] p = ports.toArray(Integer[]::new);
            return new StackPorts(p[0], p[1], p[2], p[3], p[4]);
        }

        void requireFree() {
            Ports.requireFree(postgres, "PostgreSQL", "--stack.postgres-port");
            Ports.requireFree(kafka, "Kafka", "--stack.kafka-port");
            Ports.requireFree(kafkaController, "the Kafka controller", "--stack.kafka-controller-port");
            Ports.requireFree(connect, "Kafka Connect", "--stack.connect-port");
            Ports.requireFree(redis, "Redis", "--stack.redis-port");
        }
    }

    /**
     * Tables and connector settings beyond the shipped ones, for tests that need more than the reference table.
     *
     * @param sqlScripts        run after {@code postgres/init}, before the connector starts
     * @param connectorSettings override or add to the settings of {@code debezium/user-activities.json}
     * @param postgresSettings  PostgreSQL server settings over the stack's (which turn fsync off)
     */
    public record Extras(List<Path> sqlScripts, Map<String, String> connectorSettings,
            Map<String, String> postgresSettings) {

        public static final Extras NONE = new Extras(List.of(), Map.of(), Map.of());

        public Extras(List<Path> sqlScripts, Map<String, String> connectorSettings) {
            this(sqlScripts, connectorSettings, Map.of());
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Consumer<String> progress;
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;
    private EmbeddedConnect connect;
    private EmbeddedRedis redis;
    private EmbeddedMariaDb mariadb;
    private EmbeddedSchemaRegistry schemaRegistry;
    private boolean avroConnector;
    private Path baseDir;
    private String connectorName;
    private int connectPort;

    private record Named(String name, AutoCloseable closer) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private EmbeddedStack(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Starts every server with fresh data under {@code baseDir}; on any failure, stops what already started. */
    public static EmbeddedStack start(Path baseDir, StackPorts ports, Consumer<String> progress) throws Exception {
        return start(baseDir, ports, Extras.NONE, progress);
    }

    public static EmbeddedStack start(Path baseDir, StackPorts ports, Extras extras, Consumer<String> progress)
            throws Exception {
        // Kafka code calls System.exit on fatal errors; in a shared JVM that must be an exception instead
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit (" + code + "): " + message);
        });
        EmbeddedStack stack = new EmbeddedStack(progress);
        try {
            stack.startAll(baseDir.toAbsolutePath(), ports, extras);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Path baseDir, StackPorts ports, Extras extras) throws Exception {
        // before anything is wiped: a second run must not destroy the data of one that is still running
        ports.requireFree();
        this.baseDir = baseDir;
        deleteRecursively(baseDir);
        Path postgresDir = EmbeddedPostgres.isRoot()
                // the server runs as 'nobody', who may not be allowed into a checkout under /root
                ? Path.of(System.getProperty("java.io.tmpdir"), "dq-monitor-postgres-" + ports.postgres())
                : baseDir.resolve("postgres");
        deleteRecursively(postgresDir);
        progress.accept("PostgreSQL: starting on port " + ports.postgres() + ", data in " + postgresDir);
        postgres = track(EmbeddedPostgres.start(postgresDir.resolve("data"), ports.postgres(), extras.postgresSettings()));
        createDatabase(extras.sqlScripts());
        progress.accept("Kafka (KRaft): starting on port " + ports.kafka() + ", data in " + baseDir.resolve("kafka"));
        kafka = track(EmbeddedKafka.start(baseDir.resolve("kafka"), ports.kafka(), ports.kafkaController()));
        progress.accept("Redis: starting on port " + ports.redis());
        redis = track(EmbeddedRedis.start(ports.redis()));
        progress.accept("Kafka Connect: starting on port " + ports.connect() + " with the Debezium PostgreSQL connector");
        connectPort = ports.connect();
        connect = EmbeddedConnect.start(kafka.bootstrapServers(), connectPort);
        // closes whichever worker runs at the end, also after a restart
        started.push(new Named("EmbeddedConnect", () -> connect.close()));
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "database.hostname", "127.0.0.1",
                "database.port", Integer.toString(postgres.port()),
                "database.dbname", DATABASE));
        settings.putAll(extras.connectorSettings());
        connectorName = connect.register(CONNECTOR_FILE, settings);
        connect.awaitRunning(connectorName);
        awaitStreaming();
        progress.accept("Debezium: connector " + connectorName + " is streaming changes of public.user_activities");
    }

    /**
     * Adds a MariaDB server with the binary log on, the reference table from {@code mariadb/init}, and the Debezium
     * MariaDB connector from {@code debezium/} in the same Connect worker; returns once the connector reads the
     * binlog. Stopped with the stack, after Connect.
     */
    public void startMariaDb(int port) throws Exception {
        startMariaDb(port, List.of(), Map.of());
    }

    /** As {@link #startMariaDb(int)}, with more SQL after {@code mariadb/init} and connector settings over the file's. */
    public synchronized void startMariaDb(int port, List<Path> sqlScripts, Map<String, String> connectorSettings)
            throws Exception {
        if (mariadb != null) {
            return;
        }
        Ports.requireFree(port, "MariaDB", "--stack.mariadb-port");
        Path dir = baseDir.resolve("mariadb");
        deleteRecursively(dir);
        progress.accept("MariaDB: starting on port " + port + ", data in " + dir);
        mariadb = EmbeddedMariaDb.start(dir.resolve("data"), port);
        // after Connect, whose task still holds a binlog connection while it stops
        started.addLast(mariadb);
        List<Path> scripts = new ArrayList<>(sqlFiles(MARIADB_INIT_SCRIPTS));
        scripts.addAll(sqlScripts);
        mariadb.run(scripts);
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "database.hostname", "127.0.0.1",
                "database.port", Integer.toString(port),
                "schema.history.internal.kafka.bootstrap.servers", bootstrapServers()));
        settings.putAll(connectorSettings);
        String name = connect.register(MARIADB_CONNECTOR_FILE, settings);
        connect.awaitRunning(name);
        mariadb.awaitBinlogReader();
        progress.accept("Debezium: connector " + name + " is streaming changes of " + MARIADB_DATABASE
                + ".user_activities");
    }

    /** Starts the schema registry once, for connectors that write Avro ({@link AvroConverters}). */
    public synchronized EmbeddedSchemaRegistry startSchemaRegistry(int port) throws IOException {
        if (schemaRegistry == null) {
            progress.accept("Schema registry (Apicurio): starting on port " + port);
            schemaRegistry = EmbeddedSchemaRegistry.start(port, baseDir.resolve("schema-registry.log"));
            // after Connect, whose converters still talk to it while the tasks stop
            started.addLast(schemaRegistry);
        }
        return schemaRegistry;
    }

    /**
     * Starts the schema registry and the connector of {@code debezium/user-activities-avro.json} (compose's avro
     * profile), which writes {@code public.user_activities} as Avro in Confluent's framing to {@code monitoring_avro.*},
     * here from the moment it starts (no snapshot); once only. Without {@code heartbeats} it sends none: a service
     * given no registry reads every heartbeat topic and would dead-letter the Avro ones, as it should.
     */
    public synchronized EmbeddedSchemaRegistry startAvroConnector(int registryPort, boolean heartbeats)
            throws IOException {
        EmbeddedSchemaRegistry registry = startSchemaRegistry(registryPort);
        if (!avroConnector) {
            Map<String, String> settings = new LinkedHashMap<>(Map.of(
                    "database.hostname", "127.0.0.1",
                    "database.port", Integer.toString(postgres.port()),
                    "database.dbname", DATABASE,
                    "snapshot.mode", "no_data",
                    "heartbeat.interval.ms", heartbeats ? "1000" : "0"));
            AvroConverters.confluent(registry).forEach((key, value) -> {
                if (key.endsWith(".apicurio.registry.url")) {
                    settings.put(key, value);
                }
            });
            // the topic exists from the start, as the JSON connector's does after its snapshot: a service subscribed
            // by pattern reads it from its first record on, whatever wrote that
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                String topic = AVRO_TOPIC_PREFIX + ".public.user_activities";
                if (!admin.listTopics().names().get().contains(topic)) {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                }
            } catch (ExecutionException | InterruptedException e) {
                throw new IOException("could not create the Avro connector's topic", e);
            }
            String name = connect.register(AVRO_CONNECTOR_FILE, settings);
            connect.awaitRunning(name);
            avroConnector = true;
            progress.accept("Debezium: connector " + name + " writes Avro to " + AVRO_TOPIC_PREFIX
                    + ".public.user_activities");
        }
        return registry;
    }

    /**
     * Registers a second PostgreSQL connector from {@code debezium/user-activities.json}, with its own name and the
     * settings given (topic prefix, tables, slot, publication), and waits until it runs.
     */
    public void registerPostgresConnector(String name, Map<String, String> settings) throws IOException {
        submitPostgresConnector(name, settings);
        connect.awaitRunning(name);
    }

    /** As {@link #registerPostgresConnector}, without waiting: for a connector whose task is meant to fail. */
    public void submitPostgresConnector(String name, Map<String, String> settings) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "database.hostname", "127.0.0.1",
                "database.port", Integer.toString(postgres.port()),
                "database.dbname", DATABASE));
        all.putAll(settings);
        connect.register(CONNECTOR_FILE, name, all);
    }

    /**
     * Registers a second MariaDB connector from {@code debezium/user-activities-mariadb.json} (after
     * {@link #startMariaDb}), with its own name and the settings given (topic prefix, server id, history topic,
     * tables, converters), and waits until it runs.
     */
    public void registerMariaDbConnector(String name, Map<String, String> settings) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "database.hostname", "127.0.0.1",
                "database.port", Integer.toString(mariadb.port()),
                "schema.history.internal.kafka.bootstrap.servers", bootstrapServers()));
        all.putAll(settings);
        connect.register(MARIADB_CONNECTOR_FILE, name, all);
        connect.awaitRunning(name);
    }

    /** A connection to the stack's MariaDB as root, in the reference table's database. */
    public Connection connectMariaDb() throws SQLException {
        return mariadb.connect(MARIADB_DATABASE);
    }

    public String mariaDbJdbcUrl() {
        return mariadb.jdbcUrl(MARIADB_DATABASE);
    }

    private static List<Path> sqlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    private <T extends AutoCloseable> T track(T server) {
        started.push(server);
        return server;
    }

    private void createDatabase(List<Path> extraScripts) throws SQLException, IOException {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        // the same scripts docker compose runs when it creates the database (its shell scripts are for compose only)
        List<Path> scripts = new ArrayList<>(sqlFiles(INIT_SCRIPTS));
        scripts.addAll(extraScripts);
        try (Connection db = postgres.connect(DATABASE); Statement sql = db.createStatement()) {
            for (Path script : scripts) {
                sql.execute(Files.readString(script));
            }
        }
    }

    /** The slot is active once Debezium has finished its snapshot and streams from the WAL. */
    private void awaitStreaming() {
        Awaitility.await("Debezium streaming from the replication slot").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    try (Connection db = postgres.connect(DATABASE); PreparedStatement query = db.prepareStatement(
                            "SELECT active FROM pg_replication_slots WHERE slot_name = 'dq_monitor_slot'")) {
                        ResultSet rows = query.executeQuery();
                        return rows.next() && rows.getBoolean(1);
                    }
                });
    }

    public Connection connect() throws SQLException {
        return postgres.connect(DATABASE);
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops PostgreSQL, as an outage would; the replication slot, the data and the port are kept. */
    public void stopPostgres() throws Exception {
        postgres.stop();
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}. */
    public void startPostgres() throws Exception {
        postgres.launch();
    }

    /** Stops the Kafka Connect worker, and with it the connector's task; its configuration and offsets stay in Kafka. */
    public void stopConnect() {
        connect.close();
    }

    /** A new worker on the same port and topics: it resumes the connector from its last committed offset. */
    public void startConnect() {
        connect = EmbeddedConnect.start(kafka.bootstrapServers(), connectPort);
        connect.awaitRunning(connectorName);
    }

    /** Stops the Kafka broker (and controller), as an outage would; its log and port are kept. */
    public void stopKafka() {
        kafka.stop();
    }

    /** Starts the broker again on its log after {@link #stopKafka()}. */
    public void startKafka() throws Exception {
        kafka.launch();
    }

    /** The stack's Redis, to take down and bring back in outage tests. */
    public EmbeddedRedis redis() {
        return redis;
    }

    public int redisPort() {
        return redis.port();
    }

    public String connectUrl() {
        return connect.url();
    }

    /** The standard Spring properties that point dq-monitor at this stack. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", Integer.toString(redisPort()));
        properties.put("spring.datasource.url", jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        return properties;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            long start = System.nanoTime();
            try {
                server.close();
                progress.accept("stopped " + (server instanceof Named named ? named.name()
                        : server.getClass().getSimpleName()) + " in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (Exception e) {
                progress.accept("could not stop " + server.getClass().getSimpleName() + ": " + e);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
