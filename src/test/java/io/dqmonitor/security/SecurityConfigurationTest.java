package io.dqmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/** Which ways to authenticate a configuration gives, and that giving none stops the start naming the keys. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AccessProperties.class)
    @Import({SecurityConfiguration.class, AccessMetrics.class})
    static class AccessOnly {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
            .withUserConfiguration(AccessOnly.class);

    @Test
    void noUserAndNoIssuerStopsTheStartNamingTheKeysToSet() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidSecurityConfigurationException.class)
                    .hasMessageContaining("dq.security.users.<name>.password")
                    .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                    .hasMessageContaining("dq.security.enabled=false");
        });
    }

    @Test
    void anIssuerWithoutAnAudienceStopsTheStartNamingTheKey() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidSecurityConfigurationException.class)
                            .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.audiences")
                            .hasMessageContaining("dq.security.jwt.any-audience=true");
                });
    }

    @Test
    void anyAudienceTakesAnExplicitSettingAndIsLoggedAsAWarning(CapturedOutput output) {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                "dq.security.jwt.any-audience=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("dq.security.jwt.any-audience=true");
                });
    }

    @Test
    void aJwkSetUriAloneIsAWayToAuthenticate() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                        "spring.security.oauth2.resourceserver.jwt.audiences=dq-monitor")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(JwtDecoder.class).getBeans(SecurityFilterChain.class).hasSize(2);
                });
    }

    @Test
    void usersAloneAreAWayToAuthenticate() {
        runner.withPropertyValues("dq.security.users.vera.password={noop}pw", "dq.security.users.vera.roles=viewer")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void turningSecurityOffTakesAnExplicitSettingAndIsLoggedAsAWarning(CapturedOutput output) {
        runner.withPropertyValues("dq.security.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output.getOut()).contains("WARN").contains("dq.security.enabled=false: every endpoint is open");
        });
    }
}
