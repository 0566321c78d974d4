package io.dqmonitor.security;

import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Stateless: every request authenticates (HTTP basic against {@code dq.security.users}, or a
 * bearer JWT when Spring's resource-server issuer is set), and anything not listed here is refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

    /** Always defined, empty without users, so that Boot generates no user with a password in the log. */
    @Bean
    InMemoryUserDetailsManager dqUsers(AccessProperties properties) {
        return ConfiguredUsers.of(properties.enabled() ? properties.users() : Map.of());
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.OPERATOR.name()).implies(Role.VIEWER.name()).build();
    }

    /**
     * The liveness and readiness probes, before everything else and with no authentication at all: credentials sent
     * with them are ignored, so a prober configured with a stale password still probes, and a flood of wrong ones
     * there costs no hashing. They answer the status only.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain dqProbes(HttpSecurity http, Environment environment) throws Exception {
        String health = environment.getProperty("management.endpoints.web.base-path", "/actuator") + "/health/";
        return http.securityMatcher(health + "liveness", health + "readiness")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * An issuer alone would accept any token it mints for any client that carries a role named like ours: the
     * audience must be set, or the operator must say explicitly that any will do.
     */
    private static void requireAudience(AccessProperties properties, Environment environment) {
        List<String> audiences = Binder.get(environment).bind(AUDIENCES, Bindable.listOf(String.class))
                .orElse(List.of());
        if (!audiences.isEmpty()) {
            return;
        }
        if (!properties.jwt().anyAudience()) {
            throw new InvalidSecurityConfigurationException(AUDIENCES, "a JWT issuer is configured without an "
                    + "audience: set it to the audience (aud) the issuer puts in tokens meant for dq-monitor, or set "
                    + "dq.security.jwt.any-audience=true to accept every token the issuer signs");
        }
        log.warn("dq.security.jwt.any-audience=true: every token the issuer signs is accepted, whoever it was minted "
                + "for, if it carries a role named like dq-monitor's");
    }

    @Bean
    SecurityFilterChain dqSecurity(HttpSecurity http, AccessProperties properties, ObjectProvider<JwtDecoder> jwt,
            JsonMapper json, AccessMetrics metrics, Environment environment) throws Exception {
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
        if (decoder != null) {
            requireAudience(properties, environment);
        }
        boolean basic = !properties.users().isEmpty();
        if (!basic && decoder == null) {
            throw new InvalidSecurityConfigurationException("dq.security.users.<name>.password",
                    "no way to authenticate is configured: declare users (dq.security.users.<name>.password and "
                            + "dq.security.users.<name>.roles), or an identity provider "
                            + "(spring.security.oauth2.resourceserver.jwt.issuer-uri or .jwk-set-uri), or turn "
                            + "security off explicitly with dq.security.enabled=false");
        }
        LoginThrottle throttle = new LoginThrottle(properties.throttle());
        DeniedRequests denied = new DeniedRequests(json, metrics, throttle, basic, decoder != null);
        http.exceptionHandling(handling -> handling.authenticationEntryPoint(denied).accessDeniedHandler(denied))
                .addFilterAfter(new ThrottleFilter(throttle, denied), SecurityContextHolderFilter.class);
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
