package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A reload never weakens masking, on the real stack: a rules file emptied, or rewritten without a column's
 * {@code pii}, is rejected and the rules in force stay, so a row written meanwhile reaches Redis and the history
 * masked. Once, the shipped rules took over for the seconds until the next reload, and unmasked values stayed stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.additional-location=file:target/masking-reload-it-rules.yml")
class MaskingReloadIT extends StackIntegrationTest {

    private static final Path RULES_FILE = Path.of("target", "masking-reload-it-rules.yml");
    private static final String MASKED = """
            dq:
              rules:
                reload-interval: 300ms
              tables:
                public.user_activities:
                  columns:
                    email: { pattern: '^[^@]+@[^@]+$', pii: redact }
            """;

    static {
        write(MASKED);
    }

    @Test
    void anEmptiedFileAndAnUnmaskingOneAreRejectedAndAddressesStayMasked() throws Exception {
        try {
            double failures = client.scrape().value("dq_rules_reload_failures_total");
            write("");
            awaitFailures(failures + 1);
            write(MASKED.replace(", pii: redact", ""));
            awaitFailures(failures + 2);
            String reload = client.post("/actuator/rules").body();
            assertThat(reload).contains("\"reloaded\":false").contains("columns.email.pii").contains("restart");

            String address = "masked-" + UUID.randomUUID() + "@nowhere";
            long id = client.insert(5L, "login", null, address);
            // the sentinel's own address is masked too: the row is awaited by its id
            Awaitility.await("the row in /api/changes").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> client.get("/api/changes?limit=100").body().contains("\"id\":" + id + ","));
            assertThat(client.get("/api/changes?limit=100").body()).doesNotContain(address);
            assertThat(client.queryLong("SELECT count(*) FROM dq_monitor.violations WHERE value LIKE '%"
                    + address + "%'")).isZero();
        } finally {
            write(MASKED);
        }
        assertThat(client.post("/actuator/rules").body()).contains("\"reloaded\":true");
    }

    private void awaitFailures(double count) {
        Awaitility.await("the file rejected").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.scrape().value("dq_rules_reload_failures_total"), v -> v == count);
    }

    private static void write(String yaml) {
        RulesFile.write(RULES_FILE, yaml);
    }
}
