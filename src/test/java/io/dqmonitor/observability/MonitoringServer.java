package io.dqmonitor.observability;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.dqmonitor.stack.Ports;
import org.awaitility.Awaitility;

/**
 * A real Prometheus or Alertmanager process on a free loopback port, with its data and log in a directory of its
 * own, and a small client for its HTTP API.
 */
public final class MonitoringServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private MonitoringServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Prometheus on {@code port} with the given configuration file. */
    public static MonitoringServer prometheus(Path workDir, int port, Path config) throws IOException {
        return start(workDir, port, Binaries.find("prometheus", "prometheus"), List.of(
                "--config.file=" + config, "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
    }

    /** Starts Alertmanager, without clustering, with the given configuration file. */
    public static MonitoringServer alertmanager(Path workDir, Path config) throws IOException {
        int port = Ports.free();
        return start(workDir, port, Binaries.find("prometheus-alertmanager", "prometheus-alertmanager"), List.of(
                "--config.file=" + config, "--storage.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn"));
    }

    private static MonitoringServer start(Path workDir, int port, Path binary, List<String> arguments)
            throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("server.log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MonitoringServer server = new MonitoringServer(process, port, log);
        try {
            Awaitility.await(binary.getFileName() + " ready on port " + port).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> server.get("/-/ready").statusCode() == 200);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException(binary + " did not become ready; its log:\n" + Files.readString(log), e);
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with form-encoded query parameters; fails unless the answer is 200. */
    public String get(String path, Map<String, String> parameters) throws IOException, InterruptedException {
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + '=' + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = get(path + (query.isEmpty() ? "" : "?" + query));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " " + parameters + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
