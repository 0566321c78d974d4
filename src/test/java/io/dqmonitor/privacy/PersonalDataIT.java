package io.dqmonitor.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dqmonitor.StackIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@code pii: hash} on {@code email}, on the real stack: after rows with addresses pass through (some breaking the
 * column's pattern, one updated to another address), no raw address is in Redis, in the violation history, in any
 * response or in the log; the hashes in the history and in the recent changes are the same, so they still join.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dq.tables.public.user_activities.columns.email.pii=hash",
        "dq.privacy.hash-key=" + PersonalDataIT.KEY})
class PersonalDataIT extends StackIntegrationTest {

    static final String KEY = "personal-data-it-key-0123456789";
    private static final Masker MASKER = new Masker(new PrivacyProperties(KEY));

    @Autowired
    private StringRedisTemplate redis;

    @Test
    void noRawAddressLeavesTheProcess(CapturedOutput output) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> good = List.of("ann." + run + "@example.com", "ben." + run + "@example.org");
        List<String> bad = List.of("cat." + run + "@nowhere", "dan." + run + ".example.com");
        List<String> raw = new ArrayList<>(good);
        raw.addAll(bad);
        long updated = 0;
        for (String address : raw) {
            updated = client.insert(7L, "login", null, address);
        }
        String renamed = "eve." + run + "@example.net";
        raw.add(renamed);
        client.execute("UPDATE public.user_activities SET email = '" + renamed + "' WHERE id = " + updated);

        Awaitility.await("the update in /api/changes, hashed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/api/changes?limit=100").body().contains(hash(renamed)));

        List<String> shown = new ArrayList<>();
        shown.add(String.join("\n", redis.opsForList().range("recent_changes", 0, -1)));
        shown.add(historyOf(run));
        for (String path : List.of("/api/changes?limit=100", "/api/violations?limit=1000", "/api/quality",
                "/actuator/rules", "/actuator/health")) {
            shown.add(client.get(path).body());
        }
        shown.add(output.getAll());
        for (String address : raw) {
            assertThat(shown).as("anything that shows %s", address).noneMatch(text -> text.contains(address));
            assertThat(shown.get(0)).as("Redis").contains(hash(address));
        }
        for (String address : bad) {
            assertThat(shown.get(1)).as("the violation history").contains("pattern=" + hash(address));
        }
    }

    /** The violation rows of the last minutes, as {@code rule=value row_key} lines. */
    private String historyOf(String run) throws Exception {
        StringBuilder rows = new StringBuilder();
        try (Connection db = STACK.connect(); PreparedStatement select = db.prepareStatement("""
                SELECT rule, value, row_key::text FROM dq_monitor.violations
                WHERE table_name = 'public.user_activities' AND detected_at > now() - interval '10 minutes'""")) {
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.append(result.getString(1)).append('=').append(result.getString(2)).append(' ')
                            .append(result.getString(3)).append('\n');
                }
            }
        }
        return rows.toString();
    }

    private static String hash(String address) {
        return MASKER.maskText(PiiMode.HASH, address);
    }
}
