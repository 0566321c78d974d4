package io.dqmonitor.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call dq-monitor's HTTP endpoints. The JWT issuer itself is Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code .jwk-set-uri}.
 *
 * @param enabled whether requests must authenticate; off only when set to {@code false}, with a warning at start-up
 * @param users   HTTP basic users by name
 * @param jwt     how bearer tokens map to roles
 */
@ConfigurationProperties("dq.security")
public record AccessProperties(@DefaultValue("true") boolean enabled, Map<String, User> users, @DefaultValue Jwt jwt) {

    public AccessProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /**
     * @param password {@code {bcrypt}<hash>}, or {@code {noop}<clear text>} (accepted with a warning)
     * @param roles    any of {@code viewer}, {@code operator}, {@code metrics}
     */
    public record User(String password, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** @param rolesClaim the claim that lists the roles; a dotted path reaches into objects, e.g. {@code realm_access.roles} */
    public record Jwt(@DefaultValue("roles") String rolesClaim) {
    }
}
