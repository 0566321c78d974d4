package io.dqmonitor.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * HTTP basic users for the service under test, declared the way an operator does ({@code {bcrypt}} hashes in
 * {@code dq.security.users}). {@link #TEST} has every role: the client most tests use.
 */
public record TestUsers(Map<String, User> users) {

    /** A user, its password in clear text (for the client) and its roles. */
    public record User(String name, String password, List<String> roles) {
    }

    public static final User TEST = new User("dq-test", "test-password-1", List.of("viewer", "operator", "metrics"));
    public static final User VIEWER = new User("vera", "viewer-password-2", List.of("viewer"));
    public static final User OPERATOR = new User("otto", "operator-password-3", List.of("operator"));
    public static final User METRICS = new User("prometheus", "metrics-password-4", List.of("metrics"));

    /** Cost 4, the least bcrypt allows: the hashes are checked on every request of every test. */
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    public static TestUsers of(User... users) {
        Map<String, User> byName = new LinkedHashMap<>();
        for (User user : users) {
            byName.put(user.name(), user);
        }
        return new TestUsers(byName);
    }

    /** Declares these users in a Spring test context. */
    public void declareIn(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The {@code dq.security.users.*} settings that declare these users. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        users.values().forEach(user -> {
            properties.put("dq.security.users." + user.name() + ".password", "{bcrypt}" + BCRYPT.encode(user.password()));
            properties.put("dq.security.users." + user.name() + ".roles", String.join(",", user.roles()));
        });
        return properties;
    }
}
