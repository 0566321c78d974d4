package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * A flood of wrong passwords from one address, on the real service: after {@code dq.security.throttle.max-failures}
 * failures, further attempts with credentials get 429 with {@code Retry-After}, counted as {@code throttled} and never
 * checked (the right password included, until the window lets one more), while requests without credentials and the
 * probes still answer. A user name carrying a line break cannot forge a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"dq.security.throttle.max-failures=3", "dq.security.throttle.window=1h"})
class LoginThrottleIT extends StackIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void afterTooManyFailuresAttemptsAreRefusedWithoutBeingChecked(CapturedOutput output) throws Exception {
        double throttledBefore = denied("throttled");
        double badBefore = denied("bad_credentials");
        PipelineClient wrong = new PipelineClient(port, null, PipelineClient.basic("mallory\r\nINFO forged", "x"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(wrong.get("/api/changes").statusCode());
        }

        assertThat(statuses).containsExactly(401, 401, 401, 429, 429, 429);
        HttpResponse<String> throttled = new PipelineClient(port, null,
                PipelineClient.basic(TestUsers.TEST.name(), TestUsers.TEST.password())).get("/api/changes");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(new PipelineClient(port, null, null).get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(wrong.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(wrong.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        // the tests' own client shares the address and is throttled too: the counters are read from the registry
        assertThat(denied("throttled") - throttledBefore).isEqualTo(4);
        assertThat(denied("bad_credentials") - badBefore).isEqualTo(3);
        assertThat(output.getOut()).contains("user 'mallory??INFO forged'").doesNotContain("\nINFO forged");
    }

    private double denied(String reason) {
        return meters.get("dq.access.denied").tag("reason", reason).counter().count();
    }
}
