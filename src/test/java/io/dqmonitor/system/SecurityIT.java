package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dqmonitor.security.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Access control on the real stack: every endpoint called by every kind of caller, HTTP basic users declared with
 * bcrypt hashes and bearer tokens from a real issuer (its JWK set fetched over HTTP after OpenID discovery), with the
 * exact status each must get.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT extends StackIntegrationTest {

    private static final TokenIssuer ISSUER = TokenIssuer.startQuietly();
    private static final List<String> ALL_ROLES = List.of("viewer", "operator", "metrics");

    @DynamicPropertySource
    static void accessControl(DynamicPropertyRegistry registry) {
        TestUsers.of(TestUsers.VIEWER, TestUsers.OPERATOR, TestUsers.METRICS).declareIn(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TokenIssuer.AUDIENCE);
        // the matrix below sends dozens of wrong credentials from one address: LoginThrottleIT throttles
        registry.add("dq.security.throttle.max-failures", () -> "1000");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    /** The callers, in the order of the columns of {@link #EXPECTED}. */
    private static final List<String> CALLERS = List.of("anonymous", "viewer", "operator", "metrics",
            "wrong password", "expired JWT", "JWT signed by another key", "JWT without a role", "operator JWT",
            "operator JWT for another audience");

    /** Each endpoint's status for each caller of {@link #CALLERS}. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET /api/changes", "401 200 200 403 401 401 401 403 200 401");
        EXPECTED.put("GET /api/violations", "401 200 200 403 401 401 401 403 200 401");
        EXPECTED.put("GET /api/quality", "401 200 200 403 401 401 401 403 200 401");
        EXPECTED.put("GET /actuator/rules", "401 200 200 403 401 401 401 403 200 401");
        EXPECTED.put("POST /actuator/rules", "401 403 200 403 401 401 401 403 200 401");
        EXPECTED.put("GET /actuator/prometheus", "401 403 403 200 401 401 401 403 403 401");
        EXPECTED.put("GET /actuator/info", "401 200 200 403 401 401 401 403 200 401");
        // open to all; wrong credentials are refused wherever they are sent
        EXPECTED.put("GET /actuator/health", "200 200 200 200 401 401 401 200 200 401");
        // the probes ignore credentials altogether: a prober with a stale password still probes
        EXPECTED.put("GET /actuator/health/liveness", "200 200 200 200 200 200 200 200 200 200");
        EXPECTED.put("GET /actuator/health/readiness", "200 200 200 200 200 200 200 200 200 200");
        EXPECTED.put("GET /actuator/env", "401 403 403 403 401 401 401 403 403 401");
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerWithTheExactStatus() throws Exception {
        List<String> authorizations = authorizations();
        List<DynamicTest> tests = new ArrayList<>();
        EXPECTED.forEach((endpoint, statuses) -> {
            String[] expected = statuses.split(" ");
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            for (int i = 0; i < CALLERS.size(); i++) {
                int status = Integer.parseInt(expected[i]);
                PipelineClient caller = new PipelineClient(port, null, authorizations.get(i));
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + CALLERS.get(i) + " -> " + status, () -> {
                    HttpResponse<String> response = method.equals("GET") ? caller.get(path) : caller.post(path);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
                }));
            }
        });
        return tests.stream();
    }

    @Test
    void aRequestWithoutCredentialsGets401WithBothChallengesAsProblemDetails() throws Exception {
        HttpResponse<String> response = as(null).get("/api/changes");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"dq-monitor\"", "Bearer realm=\"dq-monitor\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = PipelineClient.JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("instance").asString()).isEqualTo("/api/changes");
    }

    @Test
    void anInvalidTokenGets401NamingWhyInTheBearerChallenge() throws Exception {
        HttpResponse<String> response = as("Bearer " + ISSUER.expired("eve", ALL_ROLES)).get("/api/changes");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\"").contains("expired"));
    }

    @Test
    void aMissingRoleGets403AsProblemDetails() throws Exception {
        HttpResponse<String> response = as(basic(TestUsers.METRICS)).get("/api/changes");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(PipelineClient.JSON.readTree(response.body()).path("detail").asString())
                .isEqualTo("Your roles do not allow GET /api/changes");
    }

    @Test
    void healthShowsOnlyItsStatusWithoutCredentialsAndItsComponentsWithThem() throws Exception {
        JsonNode anonymous = PipelineClient.JSON.readTree(as(null).get("/actuator/health").body());
        JsonNode metrics = PipelineClient.JSON.readTree(as(basic(TestUsers.METRICS)).get("/actuator/health").body());

        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        assertThat(metrics.path("components").has("pipeline")).isTrue();
    }

    @Test
    void refusalsAreCountedByReasonAndLoggedWithoutTheSecret(CapturedOutput output) throws Exception {
        String before = "dq_access_denied_total{reason=\"bad_credentials\"}";
        double counted = client.scrape().value(before);

        as(PipelineClient.basic(TestUsers.VIEWER.name(), "not-the-password-42")).get("/api/violations");

        assertThat(client.scrape().value(before)).isEqualTo(counted + 1);
        assertThat(output.getOut()).contains("Refused GET /api/violations").contains("user 'vera'")
                .doesNotContain("not-the-password-42");
    }

    @Test
    void aTokenIsNeverLogged(CapturedOutput output) throws Exception {
        String token = ISSUER.signedByAnotherKey("mallory", ALL_ROLES);

        as("Bearer " + token).get("/api/quality");

        assertThat(output.getOut()).contains("Refused GET /api/quality").doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void aRulesReloadLogsWhoAskedForIt(CapturedOutput output) throws Exception {
        assertThat(as(basic(TestUsers.OPERATOR)).post("/actuator/rules").statusCode()).isEqualTo(200);
        assertThat(as("Bearer " + ISSUER.token("olga", List.of("operator"), Duration.ofMinutes(5)))
                .post("/actuator/rules").statusCode()).isEqualTo(200);

        assertThat(output.getOut()).contains("Rules reload requested by otto").contains("Rules reload requested by olga");
    }

    private List<String> authorizations() throws Exception {
        List<String> authorizations = new ArrayList<>();
        authorizations.add(null);
        authorizations.add(basic(TestUsers.VIEWER));
        authorizations.add(basic(TestUsers.OPERATOR));
        authorizations.add(basic(TestUsers.METRICS));
        authorizations.add(PipelineClient.basic(TestUsers.VIEWER.name(), "wrong-password"));
        authorizations.add("Bearer " + ISSUER.expired("eve", ALL_ROLES));
        authorizations.add("Bearer " + ISSUER.signedByAnotherKey("mallory", ALL_ROLES));
        authorizations.add("Bearer " + ISSUER.token("nobody", List.of(), Duration.ofHours(1)));
        authorizations.add("Bearer " + ISSUER.token("olga", List.of("operator"), Duration.ofHours(1)));
        authorizations.add("Bearer " + ISSUER.forAudience("another-client", "olga", List.of("operator")));
        return authorizations;
    }

    private static String basic(TestUsers.User user) {
        return PipelineClient.basic(user.name(), user.password());
    }

    private PipelineClient as(String authorization) {
        return new PipelineClient(port, null, authorization);
    }
}
