package io.dqmonitor.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** A connector driven through Kafka Connect's REST API, as an operator would: stop, pause, resume, reset, delete. */
final class ConnectorControl {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ConnectorControl(String connectUrl, String connector) {
        this.base = connectUrl + "/connectors/" + connector;
    }

    /** Stops the connector and its tasks (its configuration and offsets stay) and waits until it is STOPPED. */
    void stop() throws Exception {
        send("PUT", "/stop", 202);
        awaitState("STOPPED");
    }

    /** Pauses the connector and waits until its task is paused too: it then hands Connect nothing. */
    void pause() throws Exception {
        send("PUT", "/pause", 202);
        awaitState("PAUSED");
        Awaitility.await(base + " task paused").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> "PAUSED".equals(status().path("tasks").path(0).path("state").asString()));
    }

    /** Resumes a paused or stopped connector and waits until it and its task run. */
    void resume() throws Exception {
        send("PUT", "/resume", 202);
        Awaitility.await(base + " running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "RUNNING".equals(status().path("connector").path("state").asString())
                        && "RUNNING".equals(status().path("tasks").path(0).path("state").asString()));
    }

    /** Removes the offsets of a stopped connector: it starts again as a new one would. */
    void deleteOffsets() throws Exception {
        send("DELETE", "/offsets", 200);
    }

    void delete() throws Exception {
        send("DELETE", "", 204);
    }

    JsonNode status() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        return PipelineClient.JSON.readTree(response.body());
    }

    private void awaitState(String state) {
        Awaitility.await(base + " " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> state.equals(status().path("connector").path("state").asString()));
    }

    private void send(String method, String path, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // Connect answers 202 or 204 for the same request, depending on whether the work is done at once
        if (response.statusCode() / 100 != expected / 100) {
            throw new IllegalStateException(method + " " + base + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
