package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StorableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void textWithoutNulIsUnchanged() {
        assertThat(Storable.text("plain \\u0000 text")).isEqualTo("plain \\u0000 text");
    }

    @Test
    void nulInTextBecomesItsEscapeText() {
        assertThat(Storable.text("a\u0000b")).isEqualTo("a\\u0000b");
    }

    @Test
    void longNamesAreCutToAnExcerpt() {
        assertThat(Storable.name("t".repeat(5000))).startsWith("t".repeat(Storable.MAX_NAME_LENGTH))
                .endsWith("(5000 characters)").hasSizeLessThan(Storable.MAX_NAME_LENGTH + 30);
    }

    @Test
    void nulInAJsonStringBecomesTheEscapeText() {
        String json = JSON.writeValueAsString(java.util.Map.of("id", "a\u0000b"));

        assertThat(JSON.readTree(Storable.json(json)).get("id").asString()).isEqualTo("a\\u0000b");
    }

    @Test
    void theTextBackslashU0000InJsonIsLeftAlone() {
        String json = JSON.writeValueAsString(java.util.Map.of("id", "a\\u0000b"));

        assertThat(Storable.json(json)).isEqualTo(json);
    }

    @Test
    void anEscapedBackslashBeforeANulKeepsBoth() {
        String json = JSON.writeValueAsString(java.util.Map.of("id", "\\\u0000"));

        assertThat(JSON.readTree(Storable.json(json)).get("id").asString()).isEqualTo("\\\\u0000");
    }
}
