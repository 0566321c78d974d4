package io.dqmonitor.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A validated token's roles, read from one claim: a list of names, or one string of names separated by spaces or
 * commas. A dotted claim reaches into objects ({@code realm_access.roles}, as Keycloak issues them). Names that are
 * not dq-monitor roles are ignored, so a token from a shared identity provider carries what it likes.
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final List<String> claimPath;

    JwtRoles(String claim) {
        this.claimPath = List.of(claim.split("\\."));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), jwt.getSubject());
    }

    Set<GrantedAuthority> authorities(Map<String, Object> claims) {
        Object node = claims;
        for (String name : claimPath) {
            node = node instanceof Map<?, ?> map ? map.get(name) : null;
        }
        return names(node).map(String::trim).map(Role::fromLabel).flatMap(Optional::stream)
                .map(role -> new SimpleGrantedAuthority(role.authority())).collect(Collectors.toSet());
    }

    private static Stream<String> names(Object claim) {
        if (claim instanceof Collection<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString);
        }
        if (claim instanceof String text) {
            return Arrays.stream(text.split("[\\s,]+"));
        }
        return Stream.empty();
    }
}
