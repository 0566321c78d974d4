package io.dqmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dqmonitor.cdc.ChangeEvent;
import io.dqmonitor.cdc.ChangeEventParser;
import io.dqmonitor.cdc.MongoEnvelopes;
import io.dqmonitor.cdc.ParsedRecord;
import io.dqmonitor.cdc.SourcePosition;
import io.dqmonitor.privacy.Masker;
import io.dqmonitor.privacy.PiiMode;
import io.dqmonitor.privacy.PrivacyProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code pii: hash} on {@code email}, on the real stack: after rows with addresses pass through (some breaking the
 * column's pattern, one updated to another address), no raw address is in Redis, in the violation history, in any
 * response or in the log; the hashes in the history and in the recent changes are the same, so they still join.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dq.tables.public.user_activities.columns.email.pii=hash",
        "dq.tables.corpus.people.columns.email.pii=hash",
        "dq.tables.people.contacts.columns._id.pii=hash",
        "dq.tables.people.contacts.columns.contact.pii=redact",
        "dq.tables.people.contacts.columns.emails.pii=hash",
        "dq.completeness.databases.elsewhere.tables=corpus\\.people|people\\..*",
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

    @Test
    void aPersonalKeyColumnIsMaskedInTheKeyAndTheIdentityIsKeyed() throws Exception {
        String address = "key." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        byte[] key = ("{\"email\":\"" + address + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] value = ("{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"people\",\"ts_ms\":"
                + "1700000000000},\"after\":{\"email\":\"" + address + "\",\"n\":1}}")
                .getBytes(StandardCharsets.UTF_8);
        String opaque = "opaque " + address;
        send("monitoring_server.corpus.people", key, value);
        // a key that does not decode, whose row has no personal value of its own: the key alone holds the address
        send("monitoring_server.corpus.people", opaque.getBytes(StandardCharsets.UTF_8),
                ("{\"op\":\"c\",\"source\":{\"schema\":\"corpus\",\"table\":\"people\"},\"after\":{\"n\":2}}")
                        .getBytes(StandardCharsets.UTF_8));

        awaitChange(hash(opaque));
        JsonNode entry = awaitChange(hash(address));
        ChangeEvent raw = ((ParsedRecord.Event) new ChangeEventParser().parse(key, value)).event();
        assertThat(entry.path("position").asString()).isEqualTo(SourcePosition.of(raw, MASKER::keyedDigest).id())
                .isNotEqualTo(SourcePosition.of(raw).id());
        assertThat(entry.path("key").path("email").asString()).isEqualTo(hash(address));
        String served = client.get("/api/changes?limit=100").body();
        assertThat(served).doesNotContain(address).contains("\"key\":{\"key\":\"" + hash(opaque) + "\"}");
        assertThat(String.join("\n", redis.opsForList().range("recent_changes", 0, -1))).doesNotContain(address);
    }

    @Test
    void aDocumentsIdAndEveryPathBeneathAPersonalFieldAreMasked() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = "doc." + run + "@example.com";
        String nested = "nested." + run + "@example.com";
        String partial = "partial." + run + "@example.com";
        String topic = "monitoring_mongodb.people.contacts";
        send(topic, MongoEnvelopes.key("people", "contacts", "\"" + id + "\""), MongoEnvelopes.value("people",
                "contacts", 1_764_000_000_000L, 1, MongoEnvelopes.Change.create("{\"_id\": \"" + id
                        + "\", \"contact\": {\"email\": \"" + nested + "\"}}")));
        send(topic, MongoEnvelopes.key("people", "contacts", "\"" + id + "\""), MongoEnvelopes.value("people",
                "contacts", 1_764_000_001_000L, 1, MongoEnvelopes.update(null, "{\"emails.0\": \"" + partial + "\"}",
                        null)));

        JsonNode update = awaitChange(hash(partial));
        assertThat(update.path("key").path("_id").asString()).isEqualTo(hash(id));
        assertThat(update.path("after").path("emails.0").asString()).isEqualTo(hash(partial));
        String served = client.get("/api/changes?limit=100").body();
        assertThat(served).contains("\"contact.email\":\"[redacted]\"").doesNotContain(id)
                .doesNotContain(nested).doesNotContain(partial);
        assertThat(String.join("\n", redis.opsForList().range("recent_changes", 0, -1))).doesNotContain(id)
                .doesNotContain(nested).doesNotContain(partial);
    }

    private void send(String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                STACK.bootstrapServers(), "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** The newest entry of /api/changes holding {@code text}, once it is there. */
    private JsonNode awaitChange(String text) {
        return Awaitility.await("a change holding " + text).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (JsonNode change : client.getJson("/api/changes?limit=100")) {
                        if (change.toString().contains(text)) {
                            return change;
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
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
