package io.dqmonitor.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a caller may do. An operator may do what a viewer may; metrics is the scrape alone. */
enum Role {
    /** {@code GET /api/**}, the rules in force, and health details. */
    VIEWER,
    /** A viewer's rights, and every write operation ({@code POST /actuator/rules}). */
    OPERATOR,
    /** {@code GET /actuator/prometheus}, for Prometheus' scrape. */
    METRICS;

    /** The name used in configuration and token claims. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Spring Security's authority, as {@code hasRole} checks it. */
    String authority() {
        return "ROLE_" + name();
    }

    static Optional<Role> fromLabel(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }

    static String labels() {
        return Arrays.stream(values()).map(Role::label).toList().toString();
    }
}
