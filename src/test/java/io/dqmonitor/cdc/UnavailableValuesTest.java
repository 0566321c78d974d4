package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UnavailableValuesTest {

    private final UnavailableValues values = new UnavailableValues(UnavailableValues.DEBEZIUM_DEFAULT,
            Map.of("legacy", "<toasted>"));

    @Test
    void theTextFormTheBytesFormAndAOneElementArrayAreUnavailable() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", 1);
        after.put("body", "__debezium_unavailable_value");
        after.put("blob", "X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==");
        after.put("tags", List.of("__debezium_unavailable_value"));
        after.put("title", "draft");
        assertThat(values.mark("monitoring_server", update(after)).unavailable())
                .containsExactlyInAnyOrder("body", "blob", "tags");
    }

    @Test
    void aPlaceholderInTheBeforeImageMarksItsColumnToo() {
        ChangeEvent event = new ChangeEvent("public.t", Op.UPDATE, null,
                Map.of("body", "__debezium_unavailable_value"), Map.of("body", "new"), null, Position.NONE, Map.of());
        assertThat(values.mark("monitoring_server", event).unavailable()).containsExactly("body");
    }

    @Test
    void aConnectorWithItsOwnPlaceholderIsMatchedByThatOneOnly() {
        ChangeEvent own = update(Map.of("body", "<toasted>"));
        ChangeEvent debezium = update(Map.of("body", "__debezium_unavailable_value"));
        assertThat(values.mark("legacy", own).unavailable()).containsExactly("body");
        assertThat(values.mark("legacy", debezium).unavailable()).isEmpty();
        assertThat(values.mark("monitoring_server", own).unavailable()).isEmpty();
    }

    @Test
    void anEventWithoutThePlaceholderIsHandedBackAsItIs() {
        ChangeEvent event = update(Map.of("body", "text"));
        assertThat(values.mark("monitoring_server", event)).isSameAs(event);
        assertThat(event.unavailable()).isEqualTo(Set.of());
    }

    private static ChangeEvent update(Map<String, Object> after) {
        return new ChangeEvent("public.t", Op.UPDATE, null, null, after, null, Position.NONE, Map.of());
    }
}
