package io.dqmonitor.formats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a schema's text by its id from one registry, over Confluent's API ({@code GET /schemas/ids/<id>}) or
 * Apicurio's ({@code GET /apis/registry/v2/ids/globalIds/<id>} and {@code .../contentIds/<id>}).
 */
final class SchemaRegistryClient {

    /** A schema larger than this is not a Debezium envelope's: it is refused rather than held. */
    static final int MAX_SCHEMA_BYTES = 4 * 1024 * 1024;

    private final String name;
    private final String url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json;

    SchemaRegistryClient(String name, String url, String username, String password, String token, Duration timeout,
            JsonMapper json) {
        this.name = name;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = token != null && !token.isBlank() ? "Bearer " + token
                : username != null && !username.isBlank() ? "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8))
                : null;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.json = json;
    }

    String name() {
        return name;
    }

    /**
     * The schema's text, or empty when the registry says it has no such schema (a record naming it is undecodable
     * for good). Throws {@link RegistryUnavailableException} when the registry cannot say.
     */
    Optional<String> schema(SchemaId id) {
        String path = switch (id.kind()) {
            case CONFLUENT -> "/schemas/ids/" + id.id();
            case GLOBAL -> "/apis/registry/v2/ids/globalIds/" + id.id();
            case CONTENT -> "/apis/registry/v2/ids/contentIds/" + id.id();
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryUnavailableException("schema registry " + name + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking schema registry " + name, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new RegistryUnavailableException("schema registry " + name + " answered " + status + " for " + id
                    + (status == 401 || status == 403 ? ": check dq.registry's username, password or token" : ""),
                    null);
        }
        if (response.body().length > MAX_SCHEMA_BYTES) {
            throw new UndecodableRecordException("the schema of " + id + " is larger than " + MAX_SCHEMA_BYTES
                    + " bytes");
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return Optional.of(id.kind() == SchemaId.Kind.CONFLUENT ? confluentSchema(id, body) : body);
    }

    private String confluentSchema(SchemaId id, String body) {
        try {
            JsonNode schema = json.readTree(body).path("schema");
            if (!schema.isString()) {
                throw new UndecodableRecordException("schema registry " + name + " sent no schema text for " + id);
            }
            return schema.stringValue();
        } catch (JacksonException e) {
            throw new UndecodableRecordException("schema registry " + name + " sent a body that is not JSON for "
                    + id, e);
        }
    }
}
