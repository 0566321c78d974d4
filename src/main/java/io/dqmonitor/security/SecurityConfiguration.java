package io.dqmonitor.security;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Stateless: every request authenticates (HTTP basic against {@code dq.security.users}, or a
 * bearer JWT when Spring's resource-server issuer is set), and anything not listed here is refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Always defined, empty without users, so that Boot generates no user with a password in the log. */
    @Bean
    InMemoryUserDetailsManager dqUsers(AccessProperties properties) {
        return ConfiguredUsers.of(properties.enabled() ? properties.users() : Map.of());
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.OPERATOR.name()).implies(Role.VIEWER.name()).build();
    }

    @Bean
    SecurityFilterChain dqSecurity(HttpSecurity http, AccessProperties properties, ObjectProvider<JwtDecoder> jwt,
            JsonMapper json, AccessMetrics metrics) throws Exception {
        // no sessions and no cookies: nothing a browser sends on its own authenticates, so CSRF has nothing to forge
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        if (!properties.enabled()) {
            log.warn("dq.security.enabled=false: every endpoint is open to anyone who can reach this port, recent "
                    + "changes and violation history included");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        JwtDecoder decoder = jwt.getIfAvailable();
        boolean basic = !properties.users().isEmpty();
        if (!basic && decoder == null) {
            throw new InvalidSecurityConfigurationException("dq.security.users.<name>.password",
                    "no way to authenticate is configured: declare users (dq.security.users.<name>.password and "
                            + "dq.security.users.<name>.roles), or an identity provider "
                            + "(spring.security.oauth2.resourceserver.jwt.issuer-uri or .jwk-set-uri), or turn "
                            + "security off explicitly with dq.security.enabled=false");
        }
        DeniedRequests denied = new DeniedRequests(json, metrics, basic, decoder != null);
        http.exceptionHandling(handling -> handling.authenticationEntryPoint(denied).accessDeniedHandler(denied));
        if (basic) {
            http.httpBasic(httpBasic -> httpBasic.realmName(DeniedRequests.REALM).authenticationEntryPoint(denied));
        }
        if (decoder != null) {
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(denied).accessDeniedHandler(denied)
                    .jwt(token -> token.decoder(decoder)
                            .jwtAuthenticationConverter(new JwtRoles(properties.jwt().rolesClaim()))));
        }
        RequestMatcher rules = EndpointRequest.to("rules");
        return http.authorizeHttpRequests(requests -> requests
                // the API first: its matchers need nothing of the management context, which slices lack
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
                .requestMatchers("/api/**").hasRole(Role.OPERATOR.name())
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                // status only without credentials (management.endpoint.health.show-details: when-authorized)
                .requestMatchers(EndpointRequest.to("health")).permitAll()
                .requestMatchers(EndpointRequest.to("prometheus")).hasRole(Role.METRICS.name())
                .requestMatchers(request -> HttpMethod.GET.matches(request.getMethod()) && rules.matches(request))
                .hasRole(Role.VIEWER.name())
                .requestMatchers(rules).hasRole(Role.OPERATOR.name())
                .requestMatchers(EndpointRequest.to("info")).hasRole(Role.VIEWER.name())
                .anyRequest().denyAll())
                .build();
    }
}
