package io.dqmonitor.connectors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the status of every connector from one Connect worker's REST API. */
final class ConnectClient {

    /** A status document larger than this is not read: 100 connectors with traces take well under 1 MiB. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final String authorization;

    ConnectClient(JsonMapper json, Duration timeout, String username, String password) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
        this.timeout = timeout;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The connectors, in Connect's order, at most {@code max}; throws when the worker cannot say. */
    List<ConnectorStatus> connectors(URI worker, int max) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(worker.resolve("/connectors?expand=status"))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET /connectors?expand=status answered " + response.statusCode());
        }
        if (response.body().length > MAX_BODY) {
            throw new IOException("the status document has " + response.body().length + " bytes, more than "
                    + MAX_BODY);
        }
        JsonNode all = json.readTree(response.body());
        List<ConnectorStatus> connectors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> connector : all.properties()) {
            if (connectors.size() == max) {
                break;
            }
            connectors.add(ConnectorStatus.of(connector.getKey(), connector.getValue().path("status")));
        }
        return connectors;
    }
}
