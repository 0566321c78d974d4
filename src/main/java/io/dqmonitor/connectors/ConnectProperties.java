package io.dqmonitor.connectors;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka Connect clusters whose connectors to watch.
 *
 * @param urls          REST endpoints of Connect workers, one per cluster ({@code http://connect:8083}); none: not
 *                      watched
 * @param username      and {@code password}: HTTP basic credentials, where the workers require them
 * @param interval      time between polls of {@code /connectors?expand=status}
 * @param timeout       how long one poll may take
 * @param maxConnectors how many connectors of a cluster get labels of their own; further ones are left out, and
 *                      counted in the health details
 */
@Validated
@ConfigurationProperties("dq.connect")
public record ConnectProperties(
        List<@NotNull URI> urls,
        String username,
        String password,
        @DefaultValue("15s") @NotNull Duration interval,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxConnectors) {

    public ConnectProperties {
        urls = urls == null ? List.of() : List.copyOf(urls);
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("dq.connect.urls[" + i + "] must be an http(s) URL with a host, "
                        + "but is " + url);
            }
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("dq.connect.username and dq.connect.password go together");
        }
    }
}
