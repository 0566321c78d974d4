package io.dqmonitor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * debezium/register.sh, run by /bin/sh and curl as compose's connect-init runs it, against an HTTP server that answers
 * as Kafka Connect's REST API does. A 409 comes both for a connector that exists and during a rebalance, which no real
 * worker here can be made to be in on cue: only {@code GET /connectors/<name>} tells the two apart.
 */
class ConnectorRegistrationTest {

    private static final String NAME = "user-activities-connector";

    private final HttpServer connect;
    private final Deque<Integer> posts = new ArrayDeque<>();
    private final Deque<Integer> gets = new ArrayDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    ConnectorRegistrationTest() throws IOException {
        connect = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        connect.createContext("/connectors", this::answer);
        connect.start();
    }

    @AfterEach
    void stop() {
        connect.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.add(request);
        Deque<Integer> answers = request.startsWith("POST") ? posts : gets;
        int status = answers.size() > 1 ? answers.poll() : answers.isEmpty() ? 404 : answers.peek();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Process register() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "debezium/register.sh", "user-activities.json")
                .redirectErrorStream(true);
        builder.environment().put("CONNECT_URL", "http://127.0.0.1:" + connect.getAddress().getPort());
        builder.environment().put("REGISTER_ATTEMPTS", "3");
        builder.environment().put("REGISTER_INTERVAL", "0");
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aNewConnectorIsRegistered() throws Exception {
        posts.add(201);
        Process process = register();
        assertThat(process.exitValue()).isZero();
        assertThat(output(process)).contains("registered " + NAME);
        assertThat(requests).containsExactly("POST /connectors");
    }

    @Test
    void aConnectorThatExistsIsLeftAsItIs() throws Exception {
        posts.add(409);
        gets.add(200);
        Process process = register();
        assertThat(process.exitValue()).isZero();
        assertThat(output(process)).contains("already registered: " + NAME);
        assertThat(requests).containsExactly("POST /connectors", "GET /connectors/" + NAME);
    }

    @Test
    void aConflictDuringARebalanceIsTriedAgainUntilTheConnectorIsRegistered() throws Exception {
        posts.add(409);
        posts.add(201);
        gets.add(404);
        Process process = register();
        assertThat(process.exitValue()).isZero();
        assertThat(output(process)).contains("rebalancing").contains("registered " + NAME);
        assertThat(requests).containsExactly("POST /connectors", "GET /connectors/" + NAME, "POST /connectors");
    }

    @Test
    void aRebalanceThatNeverEndsFailsTheRegistrationAfterItsAttempts() throws Exception {
        posts.add(409);
        gets.add(404);
        Process process = register();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output(process)).contains("gave up registering " + NAME + " after 3 attempts");
        assertThat(requests).filteredOn(r -> r.startsWith("POST")).hasSize(3);
    }

    @Test
    void aRejectedConfigFailsAtOnce() throws Exception {
        posts.add(400);
        Process process = register();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output(process)).contains("failed with HTTP 400");
        assertThat(requests).containsExactly("POST /connectors");
    }
}
