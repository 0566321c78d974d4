package io.dqmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class JwtRolesTest {

    @Test
    void aListClaimGivesTheRolesItNames() {
        assertThat(authorities(new JwtRoles("roles"), Map.of("roles", List.of("viewer", "metrics"))))
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_METRICS");
    }

    @Test
    void aStringClaimIsSplitAtSpacesAndCommas() {
        assertThat(authorities(new JwtRoles("scope"), Map.of("scope", "openid operator,metrics")))
                .containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_METRICS");
    }

    @Test
    void aDottedClaimReachesIntoObjects() {
        assertThat(authorities(new JwtRoles("realm_access.roles"),
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "viewer")))))
                .containsExactly("ROLE_VIEWER");
    }

    @Test
    void namesThatAreNotRolesAndMissingClaimsGiveNothing() {
        assertThat(authorities(new JwtRoles("roles"), Map.of("roles", List.of("admin", "VIEWER")))).isEmpty();
        assertThat(authorities(new JwtRoles("roles"), Map.of("sub", "x"))).isEmpty();
        assertThat(authorities(new JwtRoles("a.b"), Map.of("a", "not an object"))).isEmpty();
    }

    private static List<String> authorities(JwtRoles roles, Map<String, Object> claims) {
        return roles.authorities(claims).stream().map(GrantedAuthority::getAuthority).toList();
    }
}
