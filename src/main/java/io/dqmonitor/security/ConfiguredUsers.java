package io.dqmonitor.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The HTTP basic users of {@code dq.security.users}, checked before they are used: a password that no encoder can
 * match would otherwise refuse every login with nothing but a debug message.
 */
final class ConfiguredUsers {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);
    /** {@code $2a$}/{@code $2b$}/{@code $2y$}, a two-digit cost, 53 characters of salt and hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final String NOOP = "{noop}";

    private ConfiguredUsers() {
    }

    static InMemoryUserDetailsManager of(Map<String, AccessProperties.User> users) {
        List<UserDetails> details = new ArrayList<>();
        users.forEach((name, user) -> details.add(user(name, user)));
        return new InMemoryUserDetailsManager(details);
    }

    private static UserDetails user(String name, AccessProperties.User user) {
        String key = "dq.security.users." + name;
        String password = user.password();
        if (password == null || password.isBlank()) {
            throw new InvalidSecurityConfigurationException(key + ".password", "every user needs a password");
        }
        if (password.startsWith(NOOP)) {
            log.warn("{}.password is in clear text ({noop}); store a {bcrypt} hash instead", key);
        } else if (!BCRYPT.matcher(password).matches()) {
            throw new InvalidSecurityConfigurationException(key + ".password",
                    "expected {bcrypt} followed by a bcrypt hash ($2a$10$ and 53 characters), or {noop} followed by"
                            + " the password in clear text");
        }
        if (user.roles().isEmpty()) {
            throw new InvalidSecurityConfigurationException(key + ".roles", "give the user at least one of "
                    + Role.labels());
        }
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        for (String label : user.roles()) {
            Role role = Role.fromLabel(label.trim()).orElseThrow(() -> new InvalidSecurityConfigurationException(
                    key + ".roles", "unknown role '" + label + "'; the roles are " + Role.labels()));
            authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
        return User.withUsername(name).password(password).authorities(authorities).build();
    }
}
