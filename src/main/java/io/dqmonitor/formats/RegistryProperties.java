package io.dqmonitor.formats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The schema registries that Avro records name their schemas in ({@code dq.registry.*}). {@code url} and its
 * credentials are the registry of every topic; {@code registries.<name>} add others for the topics their pattern
 * matches, tried first. JSON records need none.
 *
 * @param url        the registry's Confluent-compatible API, such as {@code http://registry:8080/apis/ccompat/v7}
 *                   for Apicurio or {@code http://schema-registry:8081} for Confluent's; or, with framing
 *                   {@code apicurio-global-id} or {@code apicurio-content-id}, Apicurio's root
 * @param framing    how a record names its schema: {@code confluent} (a zero byte and a 4-byte id, the default),
 *                   {@code apicurio-global-id} or {@code apicurio-content-id} (a zero byte and an 8-byte id, or the
 *                   id in the record's {@code apicurio.value.*} headers)
 * @param timeout    how long one request to a registry may take; longer is the registry being down
 * @param maxSchemas how many schemas are kept, fetched once each, across registries; more are fetched again
 * @param maxSchemaCharacters how many characters of schema text they may take together (the least recently used go
 *                   first); one schema may be up to 4 MB
 */
@Validated
@ConfigurationProperties("dq.registry")
public record RegistryProperties(String url, Framing framing, String username, String password, String token,
                                 Map<String, @Valid Registry> registries,
                                 @NotNull @DefaultValue("5s") Duration timeout,
                                 @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxSchemas,
                                 @Min(1) @DefaultValue("67108864") long maxSchemaCharacters) {

    public RegistryProperties {
        framing = framing == null ? Framing.CONFLUENT : framing;
        registries = registries == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(registries));
    }

    /** How a registry-framed record carries its schema's id. */
    public enum Framing {
        CONFLUENT, APICURIO_GLOBAL_ID, APICURIO_CONTENT_ID
    }

    /** A registry of its own for the topics {@code topics} matches. */
    public record Registry(@NotBlank String url, @NotNull Pattern topics, Framing framing, String username,
                           String password, String token) {

        public Registry {
            framing = framing == null ? Framing.CONFLUENT : framing;
        }
    }
}
