package io.dqmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class ConfiguredUsersTest {

    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret");

    @Test
    void aUserGetsTheAuthoritiesOfItsRoles() {
        var users = ConfiguredUsers.of(Map.of("vera", new AccessProperties.User(HASH, List.of("viewer", "metrics"))));

        assertThat(users.loadUserByUsername("vera").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_METRICS");
    }

    @Test
    void aHashMadeByTheReadmesHtpasswdCommandIsAcceptedAndMatches() {
        // htpasswd -nbBC 10 '' 'the password' | cut -d: -f2
        String fromHtpasswd = "{bcrypt}$2y$10$OAZ6JhjcsEZLPEZz82y8jujK/JdDPuOLmex1vpYTQoTaX6ZALFS6C";
        var users = ConfiguredUsers.of(Map.of("vera", new AccessProperties.User(fromHtpasswd, List.of("viewer"))));

        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches("the password", users.loadUserByUsername("vera").getPassword())).isTrue();
    }

    @Test
    void aClearTextPasswordIsAccepted() {
        var users = ConfiguredUsers.of(Map.of("dev", new AccessProperties.User("{noop}pw", List.of("viewer"))));

        assertThat(users.userExists("dev")).isTrue();
    }

    @Test
    void aPasswordWithoutAnEncodingIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("vera", new AccessProperties.User("secret",
                List.of("viewer"))))).hasMessageStartingWith("dq.security.users.vera.password: expected {bcrypt}");
    }

    @Test
    void aBcryptPrefixWithoutAHashIsRejected() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("vera", new AccessProperties.User("{bcrypt}secret",
                List.of("viewer"))))).hasMessageStartingWith("dq.security.users.vera.password");
    }

    @Test
    void aMissingPasswordIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("vera", new AccessProperties.User(null,
                List.of("viewer"))))).hasMessageStartingWith("dq.security.users.vera.password");
    }

    @Test
    void anUnknownRoleIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("vera", new AccessProperties.User(HASH,
                List.of("admin"))))).hasMessageStartingWith("dq.security.users.vera.roles: unknown role 'admin'");
    }

    @Test
    void aUserWithoutRolesIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ConfiguredUsers.of(Map.of("vera", new AccessProperties.User(HASH, null))))
                .hasMessageStartingWith("dq.security.users.vera.roles");
    }
}
