package io.dqmonitor.security;

import java.time.Duration;
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
 * @param throttle how failed authentications are throttled per client address
 */
@ConfigurationProperties("dq.security")
public record AccessProperties(@DefaultValue("true") boolean enabled, Map<String, User> users, @DefaultValue Jwt jwt,
        @DefaultValue Throttle throttle) {

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

    /**
     * @param rolesClaim  the claim that lists the roles; a dotted path reaches into objects, e.g.
     *                    {@code realm_access.roles}
     * @param anyAudience accept tokens whatever their audience: without it, an issuer needs
     *                    {@code spring.security.oauth2.resourceserver.jwt.audiences}, since a shared issuer mints
     *                    tokens for other clients too, often with the same role names
     */
    public record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("false") boolean anyAudience) {
    }

    /**
     * @param maxFailures failed authentications a client address may make in {@code window}; after them, further
     *                    attempts with credentials get 429 without being checked, until the window lets one more
     * @param window      the time in which {@code maxFailures} are allowed, refilled evenly
     */
    public record Throttle(@DefaultValue("10") int maxFailures, @DefaultValue("1m") Duration window) {

        public Throttle {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("dq.security.throttle.max-failures must be at least 1");
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("dq.security.throttle.window must be positive");
            }
        }
    }
}
